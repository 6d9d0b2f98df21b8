// The engine worker as an Electron utility process: its own Node process, started by Chromium,
// which works with the RunAsNode fuse off (child_process.fork would not).
import { utilityProcess } from 'electron';
import type { EngineProcess, SpawnEngineProcess } from '../engine/host/transport';

export function utilityEngineProcess(workerPath: string): SpawnEngineProcess {
  return (): EngineProcess => {
    const child = utilityProcess.fork(workerPath, [], {
      serviceName: 'Conclave engine',
      stdio: 'inherit',
    });
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
  };
}
