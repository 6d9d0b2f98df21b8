// The invitation handshake between two agents over a real SMP server, and messages both ways.
import { describe, expect, it } from 'vitest';
import { connect, text, untext, useAgents } from './agent-support';

const t = useAgents();

describe('agent: invitation handshake', () => {
  it('connects two agents and carries messages both ways', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);

    const { connId: a, link } = await alice.agent.createConnection('invitation');
    expect(link.startsWith('simplex:/invitation#/?v=6-7&smp=')).toBe(true);
    const b = await bob.agent.joinConnection(link, text('bob profile'));
    const conf = await alice.log.next('confirmation', (c) => c.connId === a);
    expect(untext(conf.connInfo)).toBe('bob profile');
    await alice.agent.allowConnection(a, conf.confirmationId, text('alice profile'));
    const info = await bob.log.next('info', (i) => i.connId === b);
    expect(untext(info.connInfo)).toBe('alice profile');
    await alice.log.next('connected', (c) => c.connId === a);
    await bob.log.next('connected', (c) => c.connId === b);

    const id = await alice.agent.sendMessage(a, text('hello bob'));
    await alice.log.next('sent', (s) => s.agentMsgId === id);
    const m = await bob.log.next('message', (x) => x.connId === b);
    expect(untext(m.body)).toBe('hello bob');
    expect(m.integrity).toEqual({ ok: true });
    await bob.agent.ackMessage(b, m.agentMsgId);

    await bob.agent.sendMessage(b, text('hello alice'));
    const r = await alice.log.next('message', (x) => x.connId === a);
    expect(untext(r.body)).toBe('hello alice');
    expect(r.integrity).toEqual({ ok: true });
    await alice.agent.ackMessage(a, r.agentMsgId);

    expect((await alice.agent.getConnection(a)).status).toBe('connected');
    expect((await bob.agent.getConnection(b)).status).toBe('connected');
  });

  it('connects with the helper', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    await connect(alice, bob);
  });
});
