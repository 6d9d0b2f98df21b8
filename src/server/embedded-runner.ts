// The host's side of the embedded SMP server's process: starts it, learns its address, and keeps
// it running. When the process dies it is started again with backoff, on the same port and so
// with the same address (the engine's SMP client reconnects by itself). Electron main and the
// browser host both use this; only how a process is spawned differs (utilityProcess or fork).
import { fork } from 'node:child_process';
import { EmbeddedStartError, FromEmbeddedServer, type ToEmbeddedServer } from './embedded-protocol';
import { createLogger, type Logger, type LogLevel } from './log';

/** One embedded server process, as the runner sees it. */
export interface EmbeddedServerProcess {
  send(message: ToEmbeddedServer): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has gone for whatever reason; `why` is for logs and status. */
  onExit(listener: (why: string) => void): void;
  /** Ends the process at once. */
  kill(): void;
}

export type SpawnEmbeddedServerProcess = () => EmbeddedServerProcess;

/** Forks `entryPath` (the bundled dist/main/embedded-server.cjs) as a Node child process. */
export function forkEmbeddedServerProcess(entryPath: string): SpawnEmbeddedServerProcess {
  return () => {
    const child = fork(entryPath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // The parent's flags (e.g. a test runner's loaders) are not the server's business.
      execArgv: [],
    });
    const exitListeners: ((why: string) => void)[] = [];
    let gone: string | undefined;
    const exited = (why: string) => {
      if (gone !== undefined) return;
      gone = why;
      for (const listener of exitListeners) listener(why);
    };
    child.on('exit', (code, signal) =>
      exited(signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`),
    );
    child.on('error', (e) => {
      exited(`process error: ${e.message}`);
      child.kill('SIGKILL');
    });
    return {
      send(message) {
        if (gone === undefined && child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit(listener) {
        if (gone !== undefined) listener(gone);
        else exitListeners.push(listener);
      },
      kill: () => child.kill('SIGKILL'),
    };
  };
}

export type EmbeddedServerState = 'starting' | 'running' | 'restarting' | 'stopped';

export interface EmbeddedServerStatus {
  readonly state: EmbeddedServerState;
  /** Why it is restarting or stopped, when a failure is the reason. */
  readonly reason?: string;
}

export interface RestartPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failures (without getting back to running) before giving up. */
  readonly maxAttempts: number;
}

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
  private readonly restart: RestartPolicy;
  private readonly listeners = new Set<(status: EmbeddedServerStatus) => void>();
  private current: EmbeddedServerProcess | undefined;
  private statusNow: EmbeddedServerStatus = { state: 'starting' };
  private failures = 0;
  /** What the last process said when it could not start, for the status that follows. */
  private lastProblem: string | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private closing: Promise<void> | undefined;
  private onGone: (() => void) | undefined;
  private firstStart: { resolve: () => void; reject: (e: EmbeddedStartError) => void } | undefined;
  /** Where the first process listened; later ones must listen there too. */
  private listening: { readonly address: string; readonly port: number } | undefined;

  constructor(private readonly options: EmbeddedServerRunnerOptions) {
    this.log = options.log ?? createLogger('warn');
    this.restart = options.restart ?? DEFAULT_RESTART;
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
    const started = new Promise<void>((resolve, reject) => (this.firstStart = { resolve, reject }));
    this.spawn();
    return started;
  }

  onStatus(listener: (status: EmbeddedServerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
      proc.send({ type: 'stop' });
      const timeout = this.options.stopTimeoutMs ?? 10_000;
      const killer = setTimeout(() => {
        this.log.warn('embedded SMP server did not stop in time; killing it', { timeout });
        proc.kill();
      }, timeout);
      await gone;
      clearTimeout(killer);
    }
    this.setStatus({ state: 'stopped' });
  }

  private setStatus(next: EmbeddedServerStatus): void {
    this.statusNow = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  private spawn(): void {
    const proc = this.options.spawn();
    this.current = proc;
    proc.onMessage((raw) => this.onMessage(proc, raw));
    proc.onExit((why) => this.onExit(proc, why));
    proc.send({
      type: 'start',
      dataDir: this.options.dataDir,
      logLevel: this.options.serverLogLevel ?? 'warn',
    });
  }

  private onMessage(proc: EmbeddedServerProcess, raw: unknown): void {
    if (proc !== this.current) return; // a late word from a process already replaced
    const parsed = FromEmbeddedServer.safeParse(raw);
    if (!parsed.success) {
      this.log.warn('malformed message from the embedded SMP server; ignored');
      return;
    }
    const message = parsed.data;
    if (message.type === 'start-failed') {
      // The process exits next; onExit decides what follows.
      this.lastProblem = message.message;
      this.firstStart?.reject(new EmbeddedStartError(message.problem, message.message));
      this.firstStart = undefined;
      return;
    }
    if (this.listening && message.address !== this.listening.address) {
      // Someone changed its directory underneath; the engine keeps the address it was given.
      this.log.error('the embedded SMP server came back with another address', {
        port: message.port,
      });
    }
    this.listening ??= { address: message.address, port: message.port };
    this.failures = 0;
    this.lastProblem = undefined;
    this.setStatus({ state: 'running' });
    this.firstStart?.resolve();
    this.firstStart = undefined;
  }

  private onExit(proc: EmbeddedServerProcess, why: string): void {
    if (proc !== this.current) return;
    this.current = undefined;
    if (this.closing) {
      this.onGone?.();
      return;
    }
    const reason = this.lastProblem ?? `the embedded SMP server stopped (${why})`;
    if (this.firstStart) {
      // Never got to listen: the caller decides, nothing is retried.
      this.firstStart.reject(new EmbeddedStartError('FAILED', reason));
      this.firstStart = undefined;
    }
    if (!this.listening) {
      this.setStatus({ state: 'stopped', reason });
      return;
    }
    this.failures++;
    if (this.failures > this.restart.maxAttempts) {
      this.log.error('embedded SMP server gave up restarting', { failures: this.failures });
      this.setStatus({ state: 'stopped', reason });
      return;
    }
    const delay = Math.min(
      this.restart.maxDelayMs,
      this.restart.initialDelayMs * 2 ** (this.failures - 1),
    );
    this.log.warn('embedded SMP server stopped unexpectedly; restarting', { why, delay });
    this.setStatus({ state: 'restarting', reason });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.closing) this.spawn();
    }, delay);
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
