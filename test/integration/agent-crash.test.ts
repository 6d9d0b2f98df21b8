// Crash at each step of both handshakes: the test hook throws exactly at the step (after its
// state was committed, before its network call), the agent is stopped and its store closed, then
// everything is reopened on the same file. The connection must complete, and afterwards no
// message may be lost or reach the application twice.
import { describe, expect, it } from 'vitest';
import type { AgentStep, ConnId } from '../../src/main/engine/agent';
import { deferred } from '../support/temp-dir';
import { text, untext, useAgents, type TestAgent } from './agent-support';

const t = useAgents();

class Crash extends Error {}

/** A hook that throws once, at `step`; `hit` resolves when it did. */
function crashAt(step: AgentStep) {
  const hit = deferred();
  let armed = true;
  return {
    hit: hit.promise,
    onStep: (s: AgentStep) => {
      if (!armed || s !== step) return;
      armed = false;
      hit.resolve();
      throw new Crash(`crash at ${s}`);
    },
  };
}

/** Runs an API call; when it crashed, the agent is restarted (without the hook). */
async function attempt<T>(x: TestAgent, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof Crash)) throw e;
    await x.restart({ onStep: undefined });
    return undefined;
  }
}

/** A background step (message processing) that may crash: restart once it did. */
async function survive(
  x: TestAgent,
  crash: ReturnType<typeof crashAt>,
  step: AgentStep,
  mine: AgentStep[],
) {
  if (!mine.includes(step)) return;
  await crash.hit;
  await x.restart({ onStep: undefined });
}

/** Messages both ways, each ACKed once by the application: every one arrives exactly once. */
async function exchange(alice: TestAgent, a: ConnId, bob: TestAgent, b: ConnId) {
  const received = { alice: [] as string[], bob: [] as string[] };
  for (const [x, list] of [
    [alice, received.alice],
    [bob, received.bob],
  ] as const) {
    x.agent.events.on('message', (m) => {
      list.push(untext(m.body));
      void x.agent.ackMessage(m.connId, m.agentMsgId);
    });
  }
  for (let i = 0; i < 3; i++) {
    await alice.agent.sendMessage(a, text(`a${i}`));
    await bob.agent.sendMessage(b, text(`b${i}`));
  }
  await bob.log.next('message', (m) => untext(m.body) === 'a2');
  await alice.log.next('message', (m) => untext(m.body) === 'b2');
  expect(received.bob).toEqual(['a0', 'a1', 'a2']);
  expect(received.alice).toEqual(['b0', 'b1', 'b2']);
  for (const x of [alice, bob]) {
    const ids = x.log.of('message').map((m) => `${m.connId}:${m.agentMsgId}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(x.log.of('message').every((m) => m.integrity.ok)).toBe(true);
  }
}

const INVITATION_STEPS: AgentStep[] = [
  'create.queue',
  'join.secure',
  'join.replyQueue',
  'join.confirm',
  'confirmation.received',
  'allow.secure',
  'allow.confirm',
  'info.received',
];

describe('agent: crash at each step of the invitation handshake', () => {
  it.each(INVITATION_STEPS)('completes after a crash at %s', async (step) => {
    const { server } = await t.server();
    const crash = crashAt(step);
    const alice = await t.agent('alice', [server], { onStep: crash.onStep });
    const bob = await t.agent('bob', [server], { onStep: crash.onStep });

    const created =
      (await attempt(alice, () => alice.agent.createConnection('invitation'))) ??
      (await alice.agent.createConnection('invitation'));
    const a = created.connId;
    expect((await alice.agent.listConnections()).map((c) => c.connId)).toEqual([a]);

    const { connId: b } = await bob.agent.prepareJoin(created.link);
    await attempt(bob, () => bob.agent.joinConnection(b, text('bob profile')));

    await survive(alice, crash, step, ['confirmation.received']);
    const conf = await alice.log.next('confirmation', (c) => c.connId === a);
    expect(untext(conf.connInfo)).toBe('bob profile');
    await attempt(alice, () =>
      alice.agent.allowConnection(a, conf.confirmationId, text('alice profile')),
    );

    await survive(bob, crash, step, ['info.received']);
    const info = await bob.log.next('info', (i) => i.connId === b);
    expect(untext(info.connInfo)).toBe('alice profile');
    await alice.log.next('connected', (c) => c.connId === a);
    await bob.log.next('connected', (c) => c.connId === b);
    await crash.hit;

    await exchange(alice, a, bob, b);
    expect(alice.log.of('connected')).toHaveLength(1);
    expect(bob.log.of('connected')).toHaveLength(1);
    expect(bob.log.of('info')).toHaveLength(1);
  });
});

const CONTACT_STEPS: AgentStep[] = [
  'create.queue',
  'request.queue',
  'request.send',
  'request.received',
  'join.secure',
  'join.replyQueue',
  'join.confirm',
  'confirmation.received',
  'allow.secure',
  'allow.confirm',
  'info.received',
];

describe('agent: crash at each step of the contact-address flow', () => {
  it.each(CONTACT_STEPS)('completes after a crash at %s', async (step) => {
    const { server } = await t.server();
    const crash = crashAt(step);
    const alice = await t.agent('alice', [server], { onStep: crash.onStep });
    const bob = await t.agent('bob', [server], { onStep: crash.onStep });

    const address =
      (await attempt(alice, () => alice.agent.createConnection('contact'))) ??
      (await alice.agent.createConnection('contact'));

    // Bob requests the address: his own invitation connection, sent to Alice.
    const { connId: b } = await bob.agent.prepareJoin(address.link);
    await attempt(bob, () => bob.agent.joinConnection(b, text('bob profile')));

    await survive(alice, crash, step, ['request.received']);
    const request = await alice.log.next('request', (r) => r.contactConnId === address.connId);
    expect(untext(request.connInfo)).toBe('bob profile');
    const a =
      (await attempt(alice, () =>
        alice.agent.acceptContact(request.invitationId, text('alice profile')),
      )) ?? (await alice.agent.acceptContact(request.invitationId, text('alice profile')));

    await survive(bob, crash, step, ['confirmation.received']);
    const conf = await bob.log.next('confirmation', (c) => c.connId === b);
    expect(untext(conf.connInfo)).toBe('alice profile');
    await attempt(bob, () =>
      bob.agent.allowConnection(b, conf.confirmationId, text('bob profile')),
    );

    await survive(alice, crash, step, ['info.received']);
    await alice.log.next('connected', (c) => c.connId === a);
    await bob.log.next('connected', (c) => c.connId === b);
    await crash.hit;

    await exchange(bob, b, alice, a);
    expect(alice.log.of('request')).toSatisfy((rs: unknown[]) => rs.length >= 1);
    expect(new Set(alice.log.of('request').map((r) => r.invitationId)).size).toBe(1);
  });
});
