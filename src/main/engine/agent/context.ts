// What every part of the agent shares: the store, the SMP client, time, the logger, the resolved
// options, the event emitter with its outbox, and the bookkeeping that lets stop() wait for work
// in flight.
import type { Database, Transaction } from '../../../node/sqlite';
import type { SmpServer } from '../../../protocol/smp';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { AgentOptions, AgentStep, ConnId, RetryPolicy, SkippedKeyPolicy } from './api';
import { AgentError } from './errors';
import { AgentEventEmitter } from './events';
import { ConnectionLocks, HotCache } from './hot-state';
import { DEFAULT_RETRY } from './retry';
import { AgentTimers } from './timers';
import type { SmpClient } from '../smp';
import { addEvents, deleteEvents, type DurableEvent, type StoredEvent } from './store/outbox';

export const DEFAULT_SKIPPED_KEYS: SkippedKeyPolicy = {
  maxPerConnection: 2_000,
  ttlMs: 30 * 24 * 3_600_000,
};

function noServer(): AgentError {
  return new AgentError('NO_SERVER', 'no SMP server is configured for new queues');
}

/** Adds events to the outbox of the running transaction. */
export type EmitDurable = (events: DurableEvent | readonly DurableEvent[]) => Promise<void>;

export class AgentContext {
  readonly db: Database;
  readonly smp: SmpClient;
  readonly clock: Clock;
  readonly log: Logger;
  private servers: readonly SmpServer[];
  readonly presetServers: readonly SmpServer[];
  readonly shortLinkScheme: 'simplex' | 'https';
  readonly retry: RetryPolicy;
  readonly skippedKeys: SkippedKeyPolicy;
  readonly events: AgentEventEmitter;
  readonly timers = new AgentTimers();
  /** Per-connection serialisation of state changes, and the hot state they keep coherent. */
  readonly locks = new ConnectionLocks();
  readonly hot = new HotCache();
  private readonly onStep: AgentOptions['onStep'];
  private running = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private emittedIds: number[] = [];
  private deleting: Promise<void> | undefined;

  constructor(options: AgentOptions) {
    this.db = options.db;
    this.smp = options.smp;
    this.clock = options.clock;
    this.log = options.log;
    this.servers = [...options.servers];
    this.presetServers = options.presetServers ?? [];
    this.shortLinkScheme = options.shortLinkScheme ?? 'https';
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.skippedKeys = { ...DEFAULT_SKIPPED_KEYS, ...options.skippedKeys };
    this.events = new AgentEventEmitter(options.log);
    this.onStep = options.onStep;
  }

  get isRunning(): boolean {
    return this.running;
  }

  setRunning(running: boolean): void {
    this.running = running;
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  nowMs(): number {
    return this.clock.now().getTime();
  }

  requireRunning(): void {
    if (!this.running) throw new AgentError('STOPPED', 'the agent is not running');
  }

  /** The test hook: awaited after a step's state is committed, before its network call. */
  async step(step: AgentStep, connId: ConnId): Promise<void> {
    await this.onStep?.(step, connId);
    this.requireRunning();
  }

  /** Where new queues go from now on (a copy: the caller's array is not watched). */
  setServers(servers: readonly SmpServer[]): void {
    this.servers = [...servers];
  }

  /** A server for a new queue; NO_SERVER when there is none. */
  pickServer(): SmpServer {
    const server = this.servers[Math.floor(Math.random() * this.servers.length)];
    if (!server) throw noServer();
    return server;
  }

  /** Refuses work that will need a new queue before anything is stored for it. */
  requireServer(): void {
    if (this.servers.length === 0) throw noServer();
  }

  /**
   * Runs `work` as one transaction; events it adds to the outbox are emitted after the commit
   * and then deleted from the outbox.
   */
  async transact<T>(work: (tx: Transaction, emit: EmitDurable) => Promise<T>): Promise<T> {
    const stored: StoredEvent[] = [];
    const result = await this.db.transaction((tx) =>
      work(tx, async (events) => {
        stored.push(...(await addEvents(tx, Array.isArray(events) ? events : [events])));
      }),
    );
    this.emitStored(stored);
    return result;
  }

  /** Emits outbox events (after their transaction committed) and schedules their deletion. */
  emitStored(stored: readonly StoredEvent[]): void {
    for (const { event } of stored) this.events.emit(event.name, event.payload);
    if (stored.length === 0) return;
    this.emittedIds.push(...stored.map((s) => s.eventId));
    this.deleting ??= Promise.resolve().then(() => this.deleteEmitted());
  }

  private async deleteEmitted(): Promise<void> {
    while (this.emittedIds.length > 0) {
      const ids = this.emittedIds.splice(0, 500);
      try {
        await deleteEvents(this.db, ids);
      } catch (e) {
        // They are emitted again at the next start (at least once).
        this.log.warn('could not delete emitted agent events', {
          error: e instanceof Error ? e : null,
        });
      }
    }
    this.deleting = undefined;
  }

  /** Tracks background work so that stop() can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** Runs background work whose failure is only logged (unless the agent was stopped). */
  background(what: string, work: () => Promise<unknown>): void {
    void this.track(
      work().catch((e: unknown) => {
        if (this.running) this.log.warn(`${what} failed`, { error: e instanceof Error ? e : null });
      }),
    );
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.deleting;
  }
}
