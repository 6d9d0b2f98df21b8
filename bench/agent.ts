// Agent throughput: end-to-end encrypted messages per second between two agents (each with its
// own SQLite file and SMP client) through one local server, beside the server-only SEND → MSG →
// ACK figure of the SMP suite measured in the same run, and their ratio; plus the time of a full
// invitation handshake on loopback. The server is the CLI in a child process, as in the SMP suite
// and as the app runs its embedded server; both agents (and both SMP-only clients) share this one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAgent, type Agent, type ConnId } from '../src/main/engine/agent';
import { systemClock } from '../src/main/engine/clock';
import { silentLogger } from '../src/main/engine/log';
import { SmpClient } from '../src/main/engine/smp';
import { migrations } from '../src/main/engine/store/migrations';
import { openDatabase, type Database } from '../src/node/sqlite';
import { cryptoReady } from '../src/protocol/crypto';
import { maxMessageLength, type SmpServer } from '../src/protocol/smp';
import { median, type Suite } from './harness';
import { removeBundle } from '../test/support/bundle-entry';
import { smpMessagesPerSecond, startSmpServerProcess } from './smp';

const WARMUP_MS = 1000;
const MEASURE_MS = 4000;
/** Messages stored but not yet received: keeps the sender's queue busy below the quota. */
const WINDOW = 100;
const HANDSHAKES = 7;
/** Each throughput figure is the median of this many rounds. */
const ROUNDS = 3;
/** A typical chat message. */
const BODY = new Uint8Array(200).fill(0x61);

interface BenchAgent {
  readonly agent: Agent;
  readonly db: Database;
  readonly smp: SmpClient;
}

async function openAgent(dir: string, name: string, server: SmpServer): Promise<BenchAgent> {
  const db = await openDatabase(path.join(dir, `${name}.db`), { migrations });
  const smp = new SmpClient();
  const agent = createAgent({ db, smp, clock: systemClock, log: silentLogger, servers: [server] });
  await agent.start();
  return { agent, db, smp };
}

async function closeAgent(a: BenchAgent): Promise<void> {
  await a.agent.stop();
  a.smp.close();
  await a.db.close();
}

function next<T>(
  agent: Agent,
  event: 'confirmation' | 'connected',
  test: (p: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const off = agent.events.on(event, (p) => {
      if (test(p as T)) {
        off();
        resolve(p as T);
      }
    });
  });
}

/** A full invitation handshake; resolves when both sides are connected. */
async function handshake(alice: Agent, bob: Agent): Promise<{ a: ConnId; b: ConnId }> {
  const info = new Uint8Array(300);
  const { connId: a, link } = await alice.createConnection('invitation');
  const confirmed = next<{ connId: ConnId; confirmationId: string }>(
    alice,
    'confirmation',
    (c) => c.connId === a,
  );
  const aliceConnected = next<{ connId: ConnId }>(alice, 'connected', (c) => c.connId === a);
  const b = await bob.joinConnection(link, info);
  const bobConnected = next<{ connId: ConnId }>(bob, 'connected', (c) => c.connId === b);
  const conf = await confirmed;
  await alice.allowConnection(a, conf.confirmationId, info);
  await Promise.all([aliceConnected, bobConnected]);
  return { a, b };
}

async function messagesPerSecond(alice: Agent, bob: Agent, a: ConnId): Promise<number> {
  let received = 0;
  let sent = 0;
  let running = true;
  let failure: unknown;
  let drained: () => void = () => undefined;
  const fail = (e: unknown) => {
    failure ??= e;
    running = false;
    drained();
  };
  let wakeSender: () => void = () => undefined;
  const off = bob.events.on('message', (m) => {
    received++;
    bob.ackMessage(m.connId, m.agentMsgId).catch(fail);
    wakeSender();
    if (!running && received >= sent) drained();
  });
  // The sender keeps WINDOW messages between sendMessage and their arrival.
  const sender = (async () => {
    while (running) {
      if (sent - received >= WINDOW) {
        await new Promise<void>((resolve) => (wakeSender = resolve));
        continue;
      }
      sent++;
      await alice.sendMessage(a, BODY).catch(fail);
    }
  })();
  try {
    await delay(WARMUP_MS);
    const from = received;
    const started = performance.now();
    await delay(MEASURE_MS);
    const rate = ((received - from) * 1000) / (performance.now() - started);
    running = false;
    wakeSender();
    await sender;
    // Every message sent arrives before the next round, so each round starts from an empty queue.
    if (received < sent && failure === undefined) await new Promise<void>((r) => (drained = r));
    if (failure !== undefined)
      throw failure instanceof Error ? failure : new Error('message delivery failed');
    return rate;
  } finally {
    off();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const agentSuite: Suite = {
  name: 'agent',
  description:
    'encrypted messages/s between two agents through one local server vs the SMP server-only figure; handshake time',
  async run(report) {
    await cryptoReady();
    const dir = mkdtempSync(path.join(tmpdir(), 'conclave-bench-agent-'));
    const running = await startSmpServerProcess(path.join(dir, 'server'));
    const alice = await openAgent(dir, 'alice', running.server);
    const bob = await openAgent(dir, 'bob', running.server);
    try {
      const times: number[] = [];
      let conn: { a: ConnId; b: ConnId } | undefined;
      for (let i = 0; i < HANDSHAKES; i++) {
        const started = performance.now();
        conn = await handshake(alice.agent, bob.agent);
        times.push(performance.now() - started);
      }
      report(
        'invitation handshake, both sides connected',
        median(times),
        'ms',
        `median of ${HANDSHAKES}`,
      );

      // Rounds alternate, so a burst of load from elsewhere on the machine touches both figures.
      const size = maxMessageLength(18);
      const agentRates: number[] = [];
      const serverRates: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        agentRates.push(await messagesPerSecond(alice.agent, bob.agent, conn!.a));
        serverRates.push(await smpMessagesPerSecond(running.server, 1, size));
      }
      const how = `median of ${ROUNDS} alternating rounds`;
      const agentRate = median(agentRates);
      const serverRate = median(serverRates);
      report(
        `agent messages, ${BODY.length}-byte bodies, sender → receiver ACKing`,
        agentRate,
        'msg/s',
        how,
      );
      report(`SMP only: SEND → MSG → ACK, 1 queue, ${size}-byte bodies`, serverRate, 'msg/s', how);
      report('ratio, agent / SMP only', agentRate / serverRate, 'x', 'target >= 0.5');
    } finally {
      await closeAgent(alice);
      await closeAgent(bob);
      await running.stop();
      await removeBundle('smp-server-cli');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
