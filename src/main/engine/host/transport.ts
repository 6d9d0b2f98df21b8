// How the supervisor reaches an engine worker process. Node hosts (the browser host, tests) fork
// a Node child; Electron main uses utilityProcess (src/main/app/utility-process.ts), since
// child_process.fork would need the RunAsNode fuse, which is off.
//
// Why a process and not a worker thread: sqlite3 aborts the whole process (a FATAL napi_throw)
// when a worker thread dies while one of its statements is in flight (node-sqlite3 issue
// 1666). A crashed or killed engine must never take the windows down with it.
import { forkChild, type ChildPort, type SpawnChild } from '../../../node/child';
import type { ToWorker } from './protocol';

export type EngineProcess = ChildPort<ToWorker>;

export type SpawnEngineProcess = SpawnChild<ToWorker>;

/** Forks `workerPath` (the bundled dist/main/engine-worker.cjs) as a Node child process. */
export function forkEngineProcess(workerPath: string): SpawnEngineProcess {
  return forkChild(workerPath);
}
