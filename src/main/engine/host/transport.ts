// How the supervisor reaches an engine worker process. Node hosts (the browser host, tests) fork
// a Node child; Electron main uses utilityProcess (src/main/app/engine-process.ts), since
// child_process.fork would need the RunAsNode fuse, which is off.
//
// Why a process and not a worker thread: sqlite3 aborts the whole process (a FATAL napi_throw)
// when a worker thread dies while one of its statements is in flight (node-sqlite3 issue
// 1666). A crashed or killed engine must never take the windows down with it.
import { fork } from 'node:child_process';
import type { ToWorker } from './protocol';

export interface EngineProcess {
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has gone for whatever reason; `why` is for logs and status. */
  onExit(listener: (why: string) => void): void;
  /** Ends the process at once. */
  kill(): void;
}

export type SpawnEngineProcess = () => EngineProcess;

export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
}

/** Forks `workerPath` (the bundled dist/main/engine-worker.cjs) as a Node child process. */
export function forkEngineProcess(workerPath: string): SpawnEngineProcess {
  return () => {
    const child = fork(workerPath, [], {
      // Structured clone, like Electron's utility process, rather than JSON.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // The parent's flags (e.g. a test runner's loaders) are not the engine's business.
      execArgv: [],
    });
    const exitListeners: ((why: string) => void)[] = [];
    let gone: string | undefined;
    const exited = (why: string) => {
      if (gone !== undefined) return;
      gone = why;
      for (const listener of exitListeners) listener(why);
    };
    child.on('exit', (code, signal) => exited(describeExit(code, signal)));
    child.on('error', (e) => {
      // Spawning failed, or the IPC channel broke; either way this process is no use.
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
