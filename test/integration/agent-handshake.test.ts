// The invitation handshake between two agents over a real SMP server, and messages both ways.
import { describe, expect, it } from 'vitest';
import {
  KEM_PUBLIC_KEY_SIZE,
  formatConnectionRequest,
  parseConnectionRequest,
} from '../../src/protocol/agent';
import { randomBytes } from '../../src/protocol/crypto';
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

  it('refuses an invitation that someone else joined, or that was deleted (AUTH)', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const carol = await t.agent('carol', [server]);
    const first = await alice.agent.createConnection('invitation');
    await bob.agent.joinConnection(first.link, text('bob'));
    // The queue is secured with Bob's key: Carol's SKEY is refused.
    const { connId: c } = await carol.agent.prepareJoin(first.link);
    await expect(carol.agent.joinConnection(c, text('carol'))).rejects.toMatchObject({
      code: 'AUTH',
    });
    const failed = await carol.log.next('connectionError', (e) => e.connId === c);
    expect(failed.error.code).toBe('AUTH');
    expect((await carol.agent.getConnection(c)).status).toBe('failed');

    const second = await alice.agent.createConnection('invitation');
    await alice.agent.deleteConnection(second.connId);
    await alice.log.next('deleted', (d) => d.connId === second.connId);
    await expect(bob.agent.joinConnection(second.link, text('bob'))).rejects.toMatchObject({
      code: 'AUTH',
    });
    await expect(alice.agent.getConnection(second.connId)).rejects.toMatchObject({
      code: 'CONN_NOT_FOUND',
    });
  });

  it('deletes a connection: the peer’s next message fails for good (AUTH)', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { a, b } = await connect(alice, bob);
    await alice.agent.deleteConnection(a);
    await alice.log.next('deleted', (d) => d.connId === a);
    expect(await alice.agent.listConnections()).toEqual([]);
    const rows = await alice.db.get('SELECT count(*) AS n FROM agent_rcv_queues');
    expect(rows?.n).toBe(0);

    const id = await bob.agent.sendMessage(b, text('anyone there?'));
    const err = await bob.log.next('messageError', (e) => e.agentMsgId === id);
    expect(err.error.code).toBe('AUTH');
    await expect(bob.agent.sendMessage('no-such-conn', text('x'))).rejects.toMatchObject({
      code: 'CONN_NOT_FOUND',
    });
  });

  it('creates queues only while it has a server (setServers), and says so (NO_SERVER)', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', []);
    const bob = await t.agent('bob', [server]);
    await expect(alice.agent.createConnection('invitation')).rejects.toMatchObject({
      code: 'NO_SERVER',
    });
    const invitation = await bob.agent.createConnection('invitation');
    // Refused before anything is stored: no failed connection is left behind.
    await expect(alice.agent.joinConnection(invitation.link, text('alice'))).rejects.toMatchObject({
      code: 'NO_SERVER',
    });
    expect(await alice.agent.listConnections()).toEqual([]);

    alice.agent.setServers([server]);
    await connect(alice, bob);
    alice.agent.setServers([]);
    await expect(alice.agent.createConnection('contact')).rejects.toMatchObject({
      code: 'NO_SERVER',
    });
  });

  it('ignores a post-quantum KEM proposal in the invitation (we never use KEM)', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { connId: a, link } = await alice.agent.createConnection('invitation');
    const request = parseConnectionRequest(link);
    if (request.mode !== 'invitation') throw new Error('expected an invitation');
    const withKem = formatConnectionRequest({
      ...request,
      e2e: {
        ...request.e2e,
        kem: { kind: 'proposed', publicKey: randomBytes(KEM_PUBLIC_KEY_SIZE) },
      },
    });
    expect(withKem).toContain('kem_key');
    const b = await bob.agent.joinConnection(withKem, text('bob'));
    const conf = await alice.log.next('confirmation', (c) => c.connId === a);
    await alice.agent.allowConnection(a, conf.confirmationId, text('alice'));
    await bob.log.next('connected', (c) => c.connId === b);
    await bob.agent.sendMessage(b, text('no kem'));
    expect(untext((await alice.log.next('message')).body)).toBe('no kem');
  });
});
