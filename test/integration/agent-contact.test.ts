// Contact addresses with three agents over a real server: Alice publishes an address, Bob's
// request is accepted and Carol's rejected.
import { describe, expect, it } from 'vitest';
import { text, untext, useAgents } from './agent-support';

const t = useAgents();

describe('agent: contact address', () => {
  it('accepts one request and rejects another', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const carol = await t.agent('carol', [server]);
    const { connId: address, link } = await alice.agent.createConnection('contact');
    expect(link.startsWith('simplex:/contact#/?v=6-7&smp=')).toBe(true);

    const b = await bob.agent.joinConnection(link, text('bob profile'));
    const c = await carol.agent.joinConnection(link, text('carol profile'));
    expect((await bob.agent.getConnection(b)).status).toBe('pending');

    const fromBob = await alice.log.next('request', (r) => untext(r.connInfo) === 'bob profile');
    const fromCarol = await alice.log.next(
      'request',
      (r) => untext(r.connInfo) === 'carol profile',
    );
    expect(fromBob.contactConnId).toBe(address);
    expect(fromCarol.contactConnId).toBe(address);

    await alice.agent.rejectContact(fromCarol.invitationId);
    await expect(
      alice.agent.acceptContact(fromCarol.invitationId, text('x')),
    ).rejects.toMatchObject({
      code: 'INVITATION_NOT_FOUND',
    });

    const a = await alice.agent.acceptContact(fromBob.invitationId, text('alice profile'));
    // Accepting again gives the same connection.
    expect(await alice.agent.acceptContact(fromBob.invitationId, text('alice profile'))).toBe(a);
    // Bob created the invitation Alice joined: Bob's application allows her confirmation.
    const conf = await bob.log.next('confirmation', (x) => x.connId === b);
    expect(untext(conf.connInfo)).toBe('alice profile');
    await bob.agent.allowConnection(b, conf.confirmationId, text('bob profile'));
    const info = await alice.log.next('info', (x) => x.connId === a);
    expect(untext(info.connInfo)).toBe('bob profile');
    await alice.log.next('connected', (x) => x.connId === a);
    await bob.log.next('connected', (x) => x.connId === b);

    await bob.agent.sendMessage(b, text('hi alice'));
    const m = await alice.log.next('message', (x) => x.connId === a);
    expect(untext(m.body)).toBe('hi alice');
    await alice.agent.ackMessage(a, m.agentMsgId);
    await alice.agent.sendMessage(a, text('hi bob'));
    const r = await bob.log.next('message', (x) => x.connId === b);
    expect(untext(r.body)).toBe('hi bob');

    // Carol heard nothing and stays pending; the address keeps working.
    expect((await carol.agent.getConnection(c)).status).toBe('pending');
    expect(carol.log.of('confirmation')).toEqual([]);
    expect((await alice.agent.getConnection(address)).status).toBe('pending');
    expect((await alice.agent.listConnections()).map((x) => x.connId)).toEqual([address, a]);
  });
});
