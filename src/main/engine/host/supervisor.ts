// Main's side of the engine worker: starts it, relays calls and events, and keeps it alive. When
// the worker dies, calls in flight fail with UNAVAILABLE (they may or may not have been applied;
// whatever was committed is kept by SQLite), 'engine.status' goes to 'restarting', and a new
// worker is started with backoff; 'ready' follows once it has opened the store again. A worker
// that cannot start at all (e.g. a database from a newer version) is not retried.
import {
  errorResult,
  type EngineCommandName,
  type EventName,
  type IpcResult,
} from '../../../shared/ipc';
import type { EngineStatus } from '../../../shared/models/engine';
import type { EmbeddedServer } from '../chat/servers';
import { EventBus, type AnyEventListener, type EventListener } from '../events';
import { createLogger, type Logger, type LogLevel } from '../log';
import type { EngineClient } from './client';
import { FromWorker } from './protocol';
import type { EngineProcess, SpawnEngineProcess } from './transport';

export interface RestartPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failures (without reaching 'ready') before giving up. */
  readonly maxAttempts: number;
}

export const DEFAULT_RESTART: RestartPolicy = {
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  maxAttempts: 5,
};

export interface EngineWorkerOptions {
  readonly spawn: SpawnEngineProcess;
  readonly dataDir: string;
  /** Passed to every worker started, restarts included (EngineOptions.embeddedServer). */
  readonly embeddedServer?: EmbeddedServer | undefined;
  readonly log?: Logger;
  /** The worker's own log level. */
  readonly workerLogLevel?: LogLevel;
  readonly restart?: RestartPolicy;
  /** How long an orderly stop may take before the worker is killed. */
  readonly stopTimeoutMs?: number;
}

/** The engine worker could not start; `errorName` is e.g. 'DatabaseTooNewError'. */
export class EngineStartError extends Error {
  override readonly name = 'EngineStartError';
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

class EngineSupervisor implements EngineClient {
  private readonly log: Logger;
  private readonly restart: RestartPolicy;
  private readonly events: EventBus;
  private current: EngineProcess | undefined;
  private ready = false;
  private gaveUp = false;
  private failures = 0;
  private nextId = 1;
  private readonly pending = new Map<number, (result: IpcResult<unknown>) => void>();
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private closing: Promise<void> | undefined;
  private onGone: (() => void) | undefined;
  private statusNow: EngineStatus = { state: 'starting' };
  private readonly started: { resolve: () => void; reject: (e: EngineStartError) => void };
  readonly firstReady: Promise<void>;

  constructor(private readonly options: EngineWorkerOptions) {
    this.log = options.log ?? createLogger({ scope: 'supervisor' });
    this.restart = options.restart ?? DEFAULT_RESTART;
    this.events = new EventBus(this.log);
    let started!: EngineSupervisor['started'];
    this.firstReady = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
    this.started = started;
    this.spawn();
  }

  get status(): EngineStatus {
    return this.statusNow;
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    return this.events.on(event, listener);
  }

  onAny(listener: AnyEventListener): () => void {
    return this.events.onAny(listener);
  }

  call(name: EngineCommandName, input: unknown): Promise<IpcResult<unknown>> {
    const proc = this.current;
    if (!proc || !this.ready || this.closing) {
      return Promise.resolve(errorResult('UNAVAILABLE', `the engine is ${this.statusNow.state}`));
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        proc.send({ type: 'call', id, name, input });
      } catch {
        // Structured clone refused the input (a function, a symbol...).
        this.pending.delete(id);
        resolve(errorResult('BAD_INPUT', `${name}: the input cannot be sent to the engine`));
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= this.stopInOrder();
    return this.closing;
  }

  private async stopInOrder(): Promise<void> {
    clearTimeout(this.restartTimer);
    const proc = this.current;
    if (proc) {
      const gone = new Promise<void>((resolve) => (this.onGone = resolve));
      // The worker stops its engine (queued writes finish, the store is closed) and exits.
      proc.send({ type: 'stop' });
      const timeout = this.options.stopTimeoutMs ?? 10_000;
      const killer = setTimeout(() => {
        this.log.warn('engine worker did not stop in time; killing it', { timeoutMs: timeout });
        proc.kill();
      }, timeout);
      await gone;
      clearTimeout(killer);
    }
    this.failPending('the engine was stopped');
    this.started.reject(new EngineStartError('Closed', 'the engine was closed before it started'));
    this.setStatus({ state: 'stopped' });
  }

  private setStatus(next: EngineStatus): void {
    this.statusNow = next;
    this.events.emit('engine.status', next);
  }

  private spawn(): void {
    const proc = this.options.spawn();
    this.current = proc;
    this.ready = false;
    proc.onMessage((raw) => this.onMessage(proc, raw));
    proc.onExit((why) => this.onExit(proc, why));
    proc.send({
      type: 'start',
      dataDir: this.options.dataDir,
      logLevel: this.options.workerLogLevel ?? 'info',
      ...(this.options.embeddedServer && {
        embeddedServer: { address: this.options.embeddedServer.address },
      }),
    });
  }

  private onMessage(proc: EngineProcess, raw: unknown): void {
    if (proc !== this.current) return; // a late word from a worker already replaced
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) {
      this.log.warn('malformed message from the engine worker; ignored');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.failures = 0;
        this.setStatus({ state: 'ready' });
        this.started.resolve();
        break;
      case 'start-failed': {
        // Not retried: the same store would fail the same way.
        this.gaveUp = true;
        this.log.error('engine worker could not start', { errorName: message.error.name });
        this.setStatus({ state: 'stopped', reason: message.error.message });
        this.started.reject(new EngineStartError(message.error.name, message.error.message));
        break;
      }
      case 'result': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.result);
        break;
      }
      case 'event':
        if (!this.events.emitChecked(message.name, message.payload)) {
          this.log.warn('event from the engine worker refused by the contract', {
            event: message.name,
          });
        }
        break;
    }
  }

  private onExit(proc: EngineProcess, why: string): void {
    if (proc !== this.current) return;
    this.current = undefined;
    this.ready = false;
    this.failPending(
      'the engine stopped while handling this call; it may or may not have been applied',
    );
    if (this.closing) {
      this.onGone?.();
      return;
    }
    if (this.gaveUp) return;
    this.failures++;
    if (this.failures > this.restart.maxAttempts) {
      const reason = `the engine keeps stopping (${why})`;
      this.log.error('engine worker gave up restarting', { failures: this.failures });
      this.setStatus({ state: 'stopped', reason });
      this.started.reject(new EngineStartError('Crashed', reason));
      return;
    }
    const delay = Math.min(
      this.restart.maxDelayMs,
      this.restart.initialDelayMs * 2 ** (this.failures - 1),
    );
    this.log.warn('engine worker stopped unexpectedly; restarting', { why, delayMs: delay });
    this.setStatus({ state: 'restarting', reason: `the engine stopped unexpectedly (${why})` });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.closing) this.spawn();
    }, delay);
  }

  private failPending(why: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of waiting) resolve(errorResult('UNAVAILABLE', why));
  }
}

/**
 * Starts the engine worker and resolves once it is ready, or rejects with EngineStartError if it
 * cannot start. The client then keeps the worker running until close().
 */
export async function startEngineWorker(options: EngineWorkerOptions): Promise<EngineClient> {
  const supervisor = new EngineSupervisor(options);
  try {
    await supervisor.firstReady;
  } catch (e) {
    await supervisor.close();
    throw e;
  }
  return supervisor;
}
