// Delivery over a real server: a full queue (QUOTA) pauses the sender until the recipient's QC,
// in both directions; and both agents reconnect and carry on when the server restarts.
import { describe, expect, it } from 'vitest';
import type { AgentEventMap, ConnId } from '../../src/main/engine/agent';
import { FAST_RETRY, connect, text, untext, useAgents, type TestAgent } from './agent-support';

const t = useAgents();

/** Collects messages; ACKs them only once `release()` was called (then at once). */
function heldAcks(x: TestAgent) {
  const got: AgentEventMap['message'][] = [];
  let released = false;
  const ack = (m: AgentEventMap['message']) => void x.agent.ackMessage(m.connId, m.agentMsgId);
  x.agent.events.on('message', (m) => {
    got.push(m);
    if (released) ack(m);
  });
  return {
    got,
    release() {
      released = true;
      got.forEach(ack);
    },
  };
}

async function quotaRoundTrip(
  from: TestAgent,
  fc: ConnId,
  to: TestAgent,
  n: number,
  quota: number,
) {
  const held = heldAcks(to);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(await from.agent.sendMessage(fc, text(`m${i}`)));
  // The server takes `quota` messages, then refuses with QUOTA: the sender waits.
  const warning = await from.log.next('messageWarning', (w) => w.connId === fc);
  expect(warning.error.code).toBe('QUOTA');
  expect(warning.agentMsgId).toBe(ids[quota]);
  // Draining the queue makes the server deliver its quota marker; the recipient sends QC.
  held.release();
  await from.log.next('qcont', (q) => q.connId === fc);
  await to.log.next('message', (m) => untext(m.body) === `m${n - 1}`);
  expect(held.got.map((m) => untext(m.body))).toEqual(ids.map((_, i) => `m${i}`));
  expect(held.got.every((m) => m.integrity.ok)).toBe(true);
  await from.log.next('sent', (s) => s.agentMsgId === ids.at(-1));
}

describe('agent: delivery', () => {
  it('pauses on a full queue and continues after QC, both ways', async () => {
    const quota = 4;
    const { server } = await t.server({ quota });
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { a, b } = await connect(alice, bob);
    await quotaRoundTrip(alice, a, bob, 10, quota);
    await quotaRoundTrip(bob, b, alice, 10, quota);
  });

  it('reconnects after the server restarts and delivers what waited', async () => {
    const dataDir = t.tempDir();
    const first = await t.server({ dataDir });
    const alice = await t.agent('alice', [first.server]);
    const bob = await t.agent('bob', [first.server]);
    const { a, b } = await connect(alice, bob);
    for (const x of [alice, bob]) {
      x.agent.events.on('message', (m) => void x.agent.ackMessage(m.connId, m.agentMsgId));
    }
    await alice.agent.sendMessage(a, text('before'));
    await bob.log.next('message', (m) => untext(m.body) === 'before');

    await first.stop();
    t.forget(first);
    await alice.log.next('down', (d) => d.connIds.includes(a));
    await bob.log.next('down', (d) => d.connIds.includes(b));
    // Sent while the server is away: stored, retried, delivered after the restart.
    const waiting = await alice.agent.sendMessage(a, text('while down'));
    const warning = await alice.log.next('messageWarning', (w) => w.agentMsgId === waiting);
    expect(warning.error.code).toBe('NETWORK');

    const second = await t.server({ dataDir, port: first.port });
    await alice.log.next('up', (u) => u.connIds.includes(a));
    await bob.log.next('up', (u) => u.connIds.includes(b));
    await bob.log.next('message', (m) => untext(m.body) === 'while down');
    await alice.log.next('sent', (s) => s.agentMsgId === waiting);

    await bob.agent.sendMessage(b, text('after'));
    const after = await alice.log.next('message', (m) => untext(m.body) === 'after');
    expect(after.integrity).toEqual({ ok: true });
    expect(bob.log.of('message').map((m) => untext(m.body))).toEqual(['before', 'while down']);
    expect(second.port).toBe(first.port);
  });

  it('emits a message the application did not ACK again after a restart, and an ACKed one never', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { a, b } = await connect(alice, bob);
    await alice.agent.sendMessage(a, text('first'));
    const first = await bob.log.next('message', (m) => untext(m.body) === 'first');
    await bob.agent.ackMessage(b, first.agentMsgId);
    await alice.agent.sendMessage(a, text('second'));
    const second = await bob.log.next('message', (m) => untext(m.body) === 'second');

    // Bob stops before ACKing 'second': it comes again, with the same id; 'first' does not.
    await bob.restart();
    const again = await bob.log.next('message', (m) => m.agentMsgId === second.agentMsgId);
    expect(untext(again.body)).toBe('second');
    await bob.agent.ackMessage(b, again.agentMsgId);
    await alice.agent.sendMessage(a, text('third'));
    await bob.log.next('message', (m) => untext(m.body) === 'third');
    await bob.restart();
    // 'third' was not ACKed either: it comes again; ACKed, nothing comes after a restart.
    const third = await bob.log.next('message', (m) => untext(m.body) === 'third');
    await bob.agent.ackMessage(b, third.agentMsgId);
    await bob.restart();
    await alice.agent.sendMessage(a, text('last'));
    await bob.log.next('message', (m) => untext(m.body) === 'last');
    const bodies = bob.log.of('message').map((m) => untext(m.body));
    expect(bodies).toEqual(['first', 'second', 'second', 'third', 'third', 'last']);
  });

  it('fails a message that cannot be delivered in time (EXPIRED)', async () => {
    const first = await t.server();
    const retry = { ...FAST_RETRY, expireAfterMs: 300 };
    const alice = await t.agent('alice', [first.server], { retry });
    const bob = await t.agent('bob', [first.server]);
    const { a } = await connect(alice, bob);
    await first.stop();
    t.forget(first);
    const id = await alice.agent.sendMessage(a, text('too late'));
    expect((await alice.log.next('messageWarning', (w) => w.agentMsgId === id)).error.code).toBe(
      'NETWORK',
    );
    const failed = await alice.log.next('messageError', (e) => e.agentMsgId === id);
    expect(failed.error.code).toBe('EXPIRED');
    const row = await alice.db.get(
      'SELECT status, body FROM agent_snd_messages WHERE conn_id = ? AND agent_msg_id = ?',
      [a, id],
    );
    expect(row).toEqual({ status: 'failed', body: null });
  });
});
