// The engine worker and the embedded SMP server as Electron utility processes: each its own Node
// process, started by Chromium, which works with the RunAsNode fuse off (child_process.fork
// would not).
import { utilityProcess } from 'electron';
import type {
  EmbeddedServerProcess,
  SpawnEmbeddedServerProcess,
} from '../../server/embedded-runner';
import type { EngineProcess, SpawnEngineProcess } from '../engine/host/transport';

/** What both supervisors need of a child process; `Out` is what it may be sent. */
interface ChildPort<Out> {
  send(message: Out): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (why: string) => void): void;
  kill(): void;
}

function forkUtility<Out>(modulePath: string, serviceName: string): ChildPort<Out> {
  const child = utilityProcess.fork(modulePath, [], { serviceName, stdio: 'inherit' });
  const exitListeners: ((why: string) => void)[] = [];
  let gone: string | undefined;
  child.on('exit', (code) => {
    gone = `exit code ${code}`;
    for (const listener of exitListeners) listener(gone);
  });
  return {
    send(message) {
      if (gone === undefined) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit(listener) {
      if (gone !== undefined) listener(gone);
      else exitListeners.push(listener);
    },
    kill: () => void child.kill(),
  };
}

export function utilityEngineProcess(workerPath: string): SpawnEngineProcess {
  return (): EngineProcess => forkUtility(workerPath, 'Conclave engine');
}

export function utilityEmbeddedServerProcess(entryPath: string): SpawnEmbeddedServerProcess {
  return (): EmbeddedServerProcess => forkUtility(entryPath, 'Conclave SMP server');
}
