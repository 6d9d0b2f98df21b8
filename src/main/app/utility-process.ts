// The engine worker and the embedded SMP server as Electron utility processes: each its own Node
// process, started by Chromium, which works with the RunAsNode fuse off (child_process.fork
// would not).
import { utilityProcess } from 'electron';
import { ExitNotice, type ChildPort } from '../../node/child';
import type { SpawnEmbeddedServerProcess } from '../../server/embedded-runner';
import type { SpawnEngineProcess } from '../engine/host/transport';

function forkUtility<Out>(modulePath: string, serviceName: string): ChildPort<Out> {
  const child = utilityProcess.fork(modulePath, [], { serviceName, stdio: 'inherit' });
  const exit = new ExitNotice();
  child.on('exit', (code) => exit.exited(`exit code ${code}`));
  return {
    send(message) {
      if (!exit.gone) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => exit.onExit(listener),
    kill: () => void child.kill(),
  };
}

export function utilityEngineProcess(workerPath: string): SpawnEngineProcess {
  return () => forkUtility(workerPath, 'Conclave engine');
}

export function utilityEmbeddedServerProcess(entryPath: string): SpawnEmbeddedServerProcess {
  return () => forkUtility(entryPath, 'Conclave SMP server');
}
