// Shared by the agent integration tests: a real SMP server on a loopback port, agents each with
// its own SQLite file and SMP client, an event log to wait on (never sleeps), and restarts that
// stop an agent, close its store and reopen everything on the same file.
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Database } from '../../src/node/sqlite';
import { cryptoReady } from '../../src/protocol/crypto';
import type { SmpServer } from '../../src/protocol/smp';
import {
  createAgent,
  type Agent,
  type AgentEventMap,
  type AgentEventName,
  type AgentOptions,
  type ConnId,
} from '../../src/main/engine/agent';
import { SmpClient } from '../../src/main/engine/smp';
import { systemClock } from '../../src/main/engine/clock';
import { createLogger, silentLogger } from '../../src/main/engine/log';
import { migrations } from '../../src/main/engine/store/migrations';
import {
  startSmpServer,
  type RunningSmpServer,
  type StartSmpServerOptions,
} from '../../src/server/start';
import { useTempDirs } from '../support/temp-dir';

export type Event = {
  [E in AgentEventName]: { name: E; payload: AgentEventMap[E] };
}[AgentEventName];

/** Every event of an agent in order; next() waits for the next matching one. */
export class EventLog {
  readonly all: Event[] = [];
  private cursor = new Map<AgentEventName, number>();
  private waiters: {
    name: AgentEventName;
    test: (p: never) => boolean;
    resolve: (e: never) => void;
  }[] = [];

  attach(agent: Agent): void {
    const names: AgentEventName[] = [
      'confirmation',
      'request',
      'info',
      'connected',
      'message',
      'sent',
      'delivered',
      'messageWarning',
      'messageError',
      'qcont',
      'receiveError',
      'connectionError',
      'deleted',
      'subscriptionEnded',
      'up',
      'down',
    ];
    for (const name of names) {
      agent.events.on(name, (payload) => this.push({ name, payload } as Event));
    }
  }

  private push(e: Event): void {
    this.all.push(e);
    const i = this.waiters.findIndex((w) => w.name === e.name && w.test(e.payload as never));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      this.consume(e);
      w!.resolve(e.payload as never);
    }
  }

  private consume(e: Event): void {
    this.cursor.set(e.name, this.all.indexOf(e) + 1);
  }

  /** The next event `name` after the last one taken, matching `test`. */
  next<E extends AgentEventName>(
    name: E,
    test: (p: AgentEventMap[E]) => boolean = () => true,
  ): Promise<AgentEventMap[E]> {
    const from = this.cursor.get(name) ?? 0;
    const found = this.all
      .slice(from)
      .find((e) => e.name === name && test(e.payload as AgentEventMap[E]));
    if (found) {
      this.consume(found);
      return Promise.resolve(found.payload as AgentEventMap[E]);
    }
    return new Promise((resolve) =>
      this.waiters.push({
        name,
        test: test,
        resolve: resolve,
      }),
    );
  }

  of<E extends AgentEventName>(name: E): AgentEventMap[E][] {
    return this.all.filter((e) => e.name === name).map((e) => e.payload as AgentEventMap[E]);
  }
}

export interface TestAgent {
  readonly name: string;
  readonly dbPath: string;
  agent: Agent;
  db: Database;
  smp: SmpClient;
  readonly log: EventLog;
  /** Stops the agent, closes its store and SMP client (as a crash would leave them). */
  shutdown(): Promise<void>;
  /** Opens the same store again with a new SMP client and agent, and starts it. */
  restart(options?: Partial<AgentOptions>): Promise<void>;
}

export const FAST_RETRY = {
  initialDelayMs: 20,
  fastMaxDelayMs: 200,
  slowAfterMs: 60_000,
  slowInitialDelayMs: 500,
  slowMaxDelayMs: 1_000,
};

export function useAgents() {
  const tempDir = useTempDirs();
  const servers: RunningSmpServer[] = [];
  const agents: TestAgent[] = [];
  afterEach(async () => {
    for (const a of agents.splice(0)) await a.shutdown();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  return {
    tempDir,
    async server(o: Partial<StartSmpServerOptions> = {}): Promise<RunningSmpServer> {
      await cryptoReady();
      const s = await startSmpServer({ dataDir: tempDir(), port: 0, logSink: () => {}, ...o });
      servers.push(s);
      return s;
    },
    /** Marks a server as stopped by the test (so cleanup does not stop it twice). */
    forget(s: RunningSmpServer): void {
      const i = servers.indexOf(s);
      if (i >= 0) servers.splice(i, 1);
    },
    adopt(s: RunningSmpServer): void {
      servers.push(s);
    },
    async agent(
      name: string,
      servers_: readonly SmpServer[],
      options: Partial<AgentOptions> = {},
    ): Promise<TestAgent> {
      await cryptoReady();
      const dbPath = path.join(tempDir(), `${name}.db`);
      const log = new EventLog();
      let running = false;
      const open = async (extra: Partial<AgentOptions>) => {
        const db = await openDatabase(dbPath, { migrations });
        const smp = new SmpClient({
          commandTimeoutMs: 10_000,
          backoff: { initialMs: 20, maxMs: 200 },
        });
        const agent = createAgent({
          db,
          smp,
          clock: systemClock,
          // AGENT_DEBUG=1 shows what the agents log (never secrets or plaintext).
          log: process.env.AGENT_DEBUG
            ? createLogger({ level: 'debug', scope: name })
            : silentLogger,
          servers: servers_,
          retry: FAST_RETRY,
          ...options,
          ...extra,
        });
        log.attach(agent);
        return { db, smp, agent };
      };
      const t: TestAgent = {
        name,
        dbPath,
        log,
        ...(await open({})),
        async shutdown() {
          if (!running) return;
          running = false;
          await t.agent.stop();
          t.smp.close();
          await t.db.close();
        },
        async restart(extra = {}) {
          await t.shutdown();
          Object.assign(t, await open(extra));
          running = true;
          await t.agent.start();
        },
      };
      running = true;
      await t.agent.start();
      agents.push(t);
      return t;
    },
  };
}

export const text = (s: string) => new TextEncoder().encode(s);
export const untext = (b: Uint8Array) => new TextDecoder().decode(b);

/** The invitation handshake between two agents; resolves when both are connected. */
export async function connect(alice: TestAgent, bob: TestAgent): Promise<{ a: ConnId; b: ConnId }> {
  const { connId: a, link } = await alice.agent.createConnection('invitation');
  const b = await bob.agent.joinConnection(link, text('bob profile'));
  const conf = await alice.log.next('confirmation', (c) => c.connId === a);
  await alice.agent.allowConnection(a, conf.confirmationId, text('alice profile'));
  await alice.log.next('connected', (c) => c.connId === a);
  await bob.log.next('connected', (c) => c.connId === b);
  return { a, b };
}
