// The host's side of the embedded SMP server's process: starts it, learns its address, and keeps
// it running. When the process dies it is started again with backoff, on the same port and so
// with the same address (the engine's SMP client reconnects by itself). Electron main and the
// browser host both use this; only how a process is spawned differs (utilityProcess or fork).
import {
  ChildSupervisor,
  forkChild,
  type ChildExit,
  type ChildPort,
  type RestartPolicy,
  type SpawnChild,
} from '../node/child';
import { EmbeddedStartError, FromEmbeddedServer, type ToEmbeddedServer } from './embedded-protocol';
import { createLogger, type Logger, type LogLevel } from './log';

/** One embedded server process, as the runner sees it. */
export type EmbeddedServerProcess = ChildPort<ToEmbeddedServer>;

export type SpawnEmbeddedServerProcess = SpawnChild<ToEmbeddedServer>;

/** Forks `entryPath` (the bundled dist/main/embedded-server.cjs) as a Node child process. */
export function forkEmbeddedServerProcess(entryPath: string): SpawnEmbeddedServerProcess {
  return forkChild(entryPath);
}

export type EmbeddedServerState = 'starting' | 'running' | 'restarting' | 'stopped';

export interface EmbeddedServerStatus {
  readonly state: EmbeddedServerState;
  /** Why it is restarting or stopped, when a failure is the reason. */
  readonly reason?: string;
}

export type { RestartPolicy };

export const DEFAULT_RESTART: RestartPolicy = {
  initialDelayMs: 200,
  maxDelayMs: 10_000,
  maxAttempts: 8,
};

export interface EmbeddedServerRunnerOptions {
  readonly spawn: SpawnEmbeddedServerProcess;
  /** The server's own directory, `<app data>/smp-server`. */
  readonly dataDir: string;
  readonly log?: Logger;
  /** The server process's own log level ('warn' by default: it shares the host's stderr). */
  readonly serverLogLevel?: LogLevel;
  readonly restart?: RestartPolicy;
  /** How long an orderly stop may take before the process is killed. */
  readonly stopTimeoutMs?: number;
}

export interface EmbeddedServerRunner {
  /** `smp://<fingerprint>@127.0.0.1:<port>`: the same for the life of the data directory. */
  readonly address: string;
  readonly port: number;
  readonly status: EmbeddedServerStatus;
  /** Status changes from now on; returns the unsubscribe function. */
  onStatus(listener: (status: EmbeddedServerStatus) => void): () => void;
  /** Stops the server in order (listeners closed, store flushed) and ends its process. */
  close(): Promise<void>;
}

class Runner implements EmbeddedServerRunner {
  private readonly log: Logger;
  private readonly listeners = new Set<(status: EmbeddedServerStatus) => void>();
  private readonly server: ChildSupervisor<ToEmbeddedServer>;
  private statusNow: EmbeddedServerStatus = { state: 'starting' };
  /** What the last process said when it could not start, for the status that follows. */
  private lastProblem: string | undefined;
  private closing: Promise<void> | undefined;
  /** Where the first process listened; later ones must listen there too. */
  private listening: { readonly address: string; readonly port: number } | undefined;

  constructor(options: EmbeddedServerRunnerOptions) {
    this.log = options.log ?? createLogger('warn');
    this.server = new ChildSupervisor<ToEmbeddedServer>({
      name: 'embedded SMP server',
      spawn: options.spawn,
      startMessage: () => ({
        type: 'start',
        dataDir: options.dataDir,
        logLevel: options.serverLogLevel ?? 'warn',
      }),
      stopMessage: { type: 'stop' },
      log: this.log,
      restart: options.restart ?? DEFAULT_RESTART,
      // Never got to listen (its port is taken, its directory damaged): the caller decides.
      retryBeforeReady: false,
      stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
      onMessage: (raw) => this.onMessage(raw),
      onExit: (exit) => this.onExit(exit),
    });
  }

  get status(): EmbeddedServerStatus {
    return this.statusNow;
  }

  get address(): string {
    return this.listening?.address ?? '';
  }

  get port(): number {
    return this.listening?.port ?? 0;
  }

  /** Resolves once the first process is listening; rejects (without retrying) if it cannot. */
  start(): Promise<void> {
    this.server.start();
    return this.server.firstReady;
  }

  onStatus(listener: (status: EmbeddedServerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.closing ??= this.server.close().then(() => this.setStatus({ state: 'stopped' }));
    return this.closing;
  }

  private setStatus(next: EmbeddedServerStatus): void {
    this.statusNow = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  private onMessage(raw: unknown): void {
    const parsed = FromEmbeddedServer.safeParse(raw);
    if (!parsed.success) {
      this.log.warn('malformed message from the embedded SMP server; ignored');
      return;
    }
    const message = parsed.data;
    if (message.type === 'start-failed') {
      // The process exits next; onExit decides what follows.
      this.lastProblem = message.message;
      this.server.failFirstStart(new EmbeddedStartError(message.problem, message.message));
      return;
    }
    if (this.listening && message.address !== this.listening.address) {
      // Someone changed its directory underneath; the engine keeps the address it was given.
      this.log.error('the embedded SMP server came back with another address', {
        port: message.port,
      });
    }
    this.listening ??= { address: message.address, port: message.port };
    this.lastProblem = undefined;
    this.server.ready();
    this.setStatus({ state: 'running' });
  }

  private onExit(exit: ChildExit): void {
    if (exit.next === 'closed') return;
    const reason = this.lastProblem ?? `the embedded SMP server stopped (${exit.why})`;
    // A first process that never got to listen: the caller decides, nothing is retried.
    this.server.failFirstStart(new EmbeddedStartError('FAILED', reason));
    this.setStatus({ state: exit.next === 'restarting' ? 'restarting' : 'stopped', reason });
  }
}

/**
 * Starts the embedded server's process and resolves once it listens, or rejects with an
 * EmbeddedStartError ('PORT_TAKEN': another program holds its port). The runner then keeps it
 * running until close().
 */
export async function runEmbeddedServer(
  options: EmbeddedServerRunnerOptions,
): Promise<EmbeddedServerRunner> {
  const runner = new Runner(options);
  try {
    await runner.start();
  } catch (e) {
    await runner.close();
    throw e;
  }
  return runner;
}

/**
 * Which server a host gives the engine as its default ("embedded") server: its own, started in a
 * process of its own (the default); none (the user's configured servers only); or one already
 * running elsewhere (tests that start their own server).
 */
export type SmpServerChoice = 'embedded' | 'none' | { readonly address: string };

export interface ProvidedSmpServer {
  /** What the engine gets as `EngineOptions.embeddedServer`; undefined: none. */
  readonly server: { readonly address: string } | undefined;
  /** The embedded server's runner, when this host started it (close it after the engine). */
  readonly runner: EmbeddedServerRunner | undefined;
  /** Why the embedded server is not running, when it could not start. */
  readonly failure: EmbeddedStartError | undefined;
}

/**
 * Starts what `choice` asks for. An embedded server that cannot start is not fatal: the engine
 * runs without it (settings show it is not running) and `failure` says why.
 */
export async function provideSmpServer(
  choice: SmpServerChoice,
  embedded: () => EmbeddedServerRunnerOptions,
): Promise<ProvidedSmpServer> {
  if (choice === 'none') return { server: undefined, runner: undefined, failure: undefined };
  if (choice !== 'embedded') {
    return { server: { address: choice.address }, runner: undefined, failure: undefined };
  }
  try {
    const runner = await runEmbeddedServer(embedded());
    return { server: { address: runner.address }, runner, failure: undefined };
  } catch (e) {
    if (!(e instanceof EmbeddedStartError)) throw e;
    return { server: undefined, runner: undefined, failure: e };
  }
}
