// Main's side of the engine worker: starts it, relays calls and events, and keeps it alive. When
// the worker dies, calls in flight fail with UNAVAILABLE (they may or may not have been applied;
// whatever was committed is kept by SQLite), 'engine.status' goes to 'restarting', and a new
// worker is started with backoff; 'ready' follows once it has opened the store again. A worker
// that cannot start at all (e.g. a database from a newer version) is not retried.
import { ChildSupervisor, type ChildExit, type RestartPolicy } from '../../../node/child';
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
import { FromWorker, MAX_EMBEDDED_ERROR, type ToWorker } from './protocol';
import type { SpawnEngineProcess } from './transport';

export type { RestartPolicy };

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
  /** Passed to every worker started too (EngineOptions.embeddedServerError). */
  readonly embeddedServerError?: string | undefined;
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
  private readonly events: EventBus;
  private readonly worker: ChildSupervisor<ToWorker>;
  /** Whether the current worker has opened its store and takes calls. */
  private ready = false;
  private nextId = 1;
  private readonly pending = new Map<number, (result: IpcResult<unknown>) => void>();
  private closing: Promise<void> | undefined;
  private statusNow: EngineStatus = { state: 'starting' };

  constructor(options: EngineWorkerOptions) {
    this.log = options.log ?? createLogger({ scope: 'supervisor' });
    this.events = new EventBus(this.log);
    this.worker = new ChildSupervisor<ToWorker>({
      name: 'engine worker',
      spawn: options.spawn,
      startMessage: () => ({
        type: 'start',
        dataDir: options.dataDir,
        logLevel: options.workerLogLevel ?? 'info',
        ...(options.embeddedServer && {
          embeddedServer: { address: options.embeddedServer.address },
        }),
        ...(options.embeddedServerError !== undefined && {
          embeddedServerError: options.embeddedServerError.slice(0, MAX_EMBEDDED_ERROR),
        }),
      }),
      stopMessage: { type: 'stop' },
      log: this.log,
      restart: options.restart ?? DEFAULT_RESTART,
      // A crash while opening the store may not happen again; a refusal ('start-failed') is final.
      retryBeforeReady: true,
      stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
      onMessage: (raw) => this.onMessage(raw),
      onExit: (exit) => this.onExit(exit),
    });
    this.worker.start();
  }

  get firstReady(): Promise<void> {
    return this.worker.firstReady;
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
    if (!this.ready || this.closing) {
      return Promise.resolve(errorResult('UNAVAILABLE', `the engine is ${this.statusNow.state}`));
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.worker.send({ type: 'call', id, name, input });
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
    // The worker stops its engine (queued writes finish, the store is closed) and exits.
    await this.worker.close();
    this.failPending('the engine was stopped');
    this.worker.failFirstStart(
      new EngineStartError('Closed', 'the engine was closed before it started'),
    );
    this.setStatus({ state: 'stopped' });
  }

  private setStatus(next: EngineStatus): void {
    this.statusNow = next;
    this.events.emit('engine.status', next);
  }

  private onMessage(raw: unknown): void {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) {
      this.log.warn('malformed message from the engine worker; ignored');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.worker.ready();
        this.setStatus({ state: 'ready' });
        break;
      case 'start-failed': {
        // Not retried: the same store would fail the same way.
        this.worker.stopRestarting();
        this.log.error('engine worker could not start', { errorName: message.error.name });
        this.setStatus({ state: 'stopped', reason: message.error.message });
        this.worker.failFirstStart(new EngineStartError(message.error.name, message.error.message));
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

  private onExit(exit: ChildExit): void {
    this.ready = false;
    this.failPending(
      'the engine stopped while handling this call; it may or may not have been applied',
    );
    switch (exit.next) {
      case 'gave-up': {
        const reason = `the engine keeps stopping (${exit.why})`;
        this.setStatus({ state: 'stopped', reason });
        this.worker.failFirstStart(new EngineStartError('Crashed', reason));
        break;
      }
      case 'restarting':
        this.setStatus({
          state: 'restarting',
          reason: `the engine stopped unexpectedly (${exit.why})`,
        });
        break;
      case 'not-restarted': // 'start-failed' has said why
      case 'closed':
        break;
    }
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
