// A supervised child process as its parent sees it, and the Node way to start one (fork). Electron
// main starts its children with utilityProcess instead (src/main/app/utility-process.ts), since
// fork would need the RunAsNode fuse, which is off; both give the supervisor the same port.
import { fork } from 'node:child_process';

/** One child process, as its supervisor sees it; `Out` is what it may be sent. */
export interface ChildPort<Out> {
  send(message: Out): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has gone for whatever reason; `why` is for logs and status. */
  onExit(listener: (why: string) => void): void;
  /** Ends the process at once. */
  kill(): void;
}

export type SpawnChild<Out> = () => ChildPort<Out>;

export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
}

/**
 * Tells each exit listener once why the process has gone, also listeners that come later: a
 * process can die before its supervisor has listened.
 */
export class ExitNotice {
  private readonly listeners: ((why: string) => void)[] = [];
  private why: string | undefined;

  get gone(): boolean {
    return this.why !== undefined;
  }

  /** The process has gone; only the first reason counts. */
  exited(why: string): void {
    if (this.why !== undefined) return;
    this.why = why;
    for (const listener of this.listeners.splice(0)) listener(why);
  }

  onExit(listener: (why: string) => void): void {
    if (this.why !== undefined) listener(this.why);
    else this.listeners.push(listener);
  }
}

/** Forks `modulePath` (a bundled entry such as dist/main/engine-worker.cjs) as a Node child. */
export function forkChild<Out extends object>(modulePath: string): SpawnChild<Out> {
  return () => {
    const child = fork(modulePath, [], {
      // Structured clone, like Electron's utility process, rather than JSON.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // The parent's flags (e.g. a test runner's loaders) are not the child's business.
      execArgv: [],
    });
    const exit = new ExitNotice();
    child.on('exit', (code, signal) => exit.exited(describeExit(code, signal)));
    child.on('error', (e) => {
      // Spawning failed, or the IPC channel broke; either way this process is no use.
      exit.exited(`process error: ${e.message}`);
      child.kill('SIGKILL');
    });
    return {
      send(message) {
        if (!exit.gone && child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => exit.onExit(listener),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
