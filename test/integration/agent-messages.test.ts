// Messages between two agents over a real server: 1,000 each way in order with integrity, and
// delivery receipts.
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BODY, type AgentEventMap } from '../../src/main/engine/agent';
import { connect, text, untext, useAgents, type TestAgent } from './agent-support';

const t = useAgents();

/** ACKs every message as it arrives (optionally with a receipt) and collects them. */
function autoAck(x: TestAgent, receipt?: (m: AgentEventMap['message']) => Uint8Array) {
  const got: AgentEventMap['message'][] = [];
  x.agent.events.on('message', (m) => {
    got.push(m);
    void x.agent.ackMessage(m.connId, m.agentMsgId, receipt ? { receipt: receipt(m) } : {});
  });
  return got;
}

describe('agent: messages', () => {
  it('delivers 1,000 messages each way, in order, with intact integrity', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { a, b } = await connect(alice, bob);
    const atBob = autoAck(bob);
    const atAlice = autoAck(alice);
    const N = 1000;
    const sendAll = async (x: TestAgent, connId: string, who: string) => {
      const ids: number[] = [];
      for (let i = 0; i < N; i++) ids.push(await x.agent.sendMessage(connId, text(`${who} ${i}`)));
      return ids;
    };
    const [fromAlice, fromBob] = await Promise.all([sendAll(alice, a, 'a'), sendAll(bob, b, 'b')]);
    await bob.log.next('message', (m) => untext(m.body) === `a ${N - 1}`);
    await alice.log.next('message', (m) => untext(m.body) === `b ${N - 1}`);
    expect(atBob.map((m) => untext(m.body))).toEqual(Array.from({ length: N }, (_, i) => `a ${i}`));
    expect(atAlice.map((m) => untext(m.body))).toEqual(
      Array.from({ length: N }, (_, i) => `b ${i}`),
    );
    for (const got of [atBob, atAlice]) {
      expect(got.every((m) => m.integrity.ok)).toBe(true);
      const ids = got.map((m) => m.agentMsgId);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(N);
    }
    expect(new Set(fromAlice).size).toBe(N);
    expect(new Set(fromBob).size).toBe(N);
    await alice.log.next('sent', (s) => s.agentMsgId === fromAlice.at(-1));
    await bob.log.next('sent', (s) => s.agentMsgId === fromBob.at(-1));
  });

  it('reports delivery receipts to the sender, with the hash checked', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { a } = await connect(alice, bob);
    autoAck(bob, (m) => text(`seen ${untext(m.body)}`));
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await alice.agent.sendMessage(a, text(`m${i}`)));
    for (const [i, id] of ids.entries()) {
      const d = await alice.log.next('delivered', (x) => x.agentMsgId === id);
      expect(d).toMatchObject({ connId: a, status: 'ok' });
      expect(untext(d.receiptInfo)).toBe(`seen m${i}`);
    }
    // Receipts are agent messages of their own and are not delivered to the application.
    expect(alice.log.of('message')).toEqual([]);
  });

  it('carries a body of the largest size and refuses a larger one', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { a } = await connect(alice, bob);
    const body = new Uint8Array(MAX_MESSAGE_BODY).fill(0x7a);
    await expect(
      alice.agent.sendMessage(a, new Uint8Array(MAX_MESSAGE_BODY + 1)),
    ).rejects.toMatchObject({
      code: 'LARGE_MSG',
    });
    await alice.agent.sendMessage(a, body);
    const m = await bob.log.next('message');
    expect(m.body).toEqual(body);
  });
});
