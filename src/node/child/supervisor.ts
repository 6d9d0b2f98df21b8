// A parent's side of a child process it keeps running (the engine worker, the embedded SMP
// server): starts it with its start message, hears only the current process, starts another with
// backoff when it dies, gives up after too many failures in a row, and stops it in order (killed
// when it takes too long). What the messages mean, and what status that gives, is the owner's.
import type { ChildPort, SpawnChild } from './child-port';

export interface RestartPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failures (without getting back to ready) before giving up. */
  readonly maxAttempts: number;
}

/** The wait before restart number `failures` (1, 2, …): doubling from the initial delay. */
export function restartDelay(policy: RestartPolicy, failures: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failures - 1));
}

/** What the supervisor logs; the engine's and the server's loggers both fit. */
export interface SupervisorLog {
  warn(msg: string, fields?: Readonly<Record<string, string | number>>): void;
  error(msg: string, fields?: Readonly<Record<string, string | number>>): void;
}

/** The current process has gone; `next` is what the supervisor does about it. */
export type ChildExit =
  | { readonly next: 'restarting'; readonly why: string; readonly delayMs: number }
  /** Too many failures in a row. */
  | { readonly next: 'gave-up'; readonly why: string }
  /** Restarts were stopped, or it never got ready and is not to be retried. */
  | { readonly next: 'not-restarted'; readonly why: string }
  /** It ended as close() asked. */
  | { readonly next: 'closed'; readonly why: string };

export interface ChildSupervisorOptions<Out> {
  /** What the child is, in log messages ('engine worker'). */
  readonly name: string;
  readonly spawn: SpawnChild<Out>;
  /** The first message to every process started, restarts included. */
  readonly startMessage: () => Out;
  /** Asks a process to stop in order and exit. */
  readonly stopMessage: Out;
  readonly log: SupervisorLog;
  readonly restart: RestartPolicy;
  /** Whether a process that exits before any has been ready is started again. */
  readonly retryBeforeReady: boolean;
  /** How long an orderly stop may take before the process is killed. */
  readonly stopTimeoutMs: number;
  /** A message from the current process (a process already replaced is no longer heard). */
  readonly onMessage: (raw: unknown) => void;
  readonly onExit: (exit: ChildExit) => void;
}

export class ChildSupervisor<Out> {
  /** Resolves when a process is first ready; rejects with what failFirstStart is given. */
  readonly firstReady: Promise<void>;
  private readonly first: { resolve: () => void; reject: (e: Error) => void };
  private current: ChildPort<Out> | undefined;
  private everReady = false;
  private restarting = true;
  private failures = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private closing: Promise<void> | undefined;
  private onGone: (() => void) | undefined;

  constructor(private readonly options: ChildSupervisorOptions<Out>) {
    let first!: ChildSupervisor<Out>['first'];
    this.firstReady = new Promise<void>((resolve, reject) => (first = { resolve, reject }));
    // Whoever starts the child awaits this; a rejection after that concerns nobody else.
    this.firstReady.catch(() => undefined);
    this.first = first;
  }

  /** Starts the first process. */
  start(): void {
    this.spawn();
  }

  /** Sends to the current process, if there is one; throws what structured clone refuses. */
  send(message: Out): void {
    this.current?.send(message);
  }

  /** The current process is ready: failures so far are forgiven. */
  ready(): void {
    this.everReady = true;
    this.failures = 0;
    this.first.resolve();
  }

  /** The start failed for a reason the owner knows (no-op once a process has been ready). */
  failFirstStart(error: Error): void {
    this.first.reject(error);
  }

  /** Starts nothing more when the current process exits (it could not start, and never will). */
  stopRestarting(): void {
    this.restarting = false;
  }

  /** Stops the current process in order and starts no other; resolves once it has gone. */
  close(): Promise<void> {
    this.closing ??= this.stopInOrder();
    return this.closing;
  }

  private async stopInOrder(): Promise<void> {
    clearTimeout(this.restartTimer);
    const proc = this.current;
    if (!proc) return;
    const gone = new Promise<void>((resolve) => (this.onGone = resolve));
    proc.send(this.options.stopMessage);
    const timeoutMs = this.options.stopTimeoutMs;
    const killer = setTimeout(() => {
      this.options.log.warn(`${this.options.name} did not stop in time; killing it`, {
        timeoutMs,
      });
      proc.kill();
    }, timeoutMs);
    await gone;
    clearTimeout(killer);
  }

  private spawn(): void {
    const proc = this.options.spawn();
    this.current = proc;
    proc.onMessage((raw) => {
      if (proc === this.current) this.options.onMessage(raw);
    });
    proc.onExit((why) => {
      if (proc === this.current) this.exited(why);
    });
    proc.send(this.options.startMessage());
  }

  private exited(why: string): void {
    this.current = undefined;
    if (this.closing) {
      this.options.onExit({ next: 'closed', why });
      this.onGone?.();
      return;
    }
    if (!this.restarting || (!this.everReady && !this.options.retryBeforeReady)) {
      this.options.onExit({ next: 'not-restarted', why });
      return;
    }
    this.failures++;
    const { log, name, restart } = this.options;
    if (this.failures > restart.maxAttempts) {
      log.error(`${name} gave up restarting`, { failures: this.failures });
      this.options.onExit({ next: 'gave-up', why });
      return;
    }
    const delayMs = restartDelay(restart, this.failures);
    log.warn(`${name} stopped unexpectedly; restarting`, { why, delayMs });
    this.options.onExit({ next: 'restarting', why, delayMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.closing) this.spawn();
    }, delayMs);
  }
}
