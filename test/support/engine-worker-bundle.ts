// The engine worker, bundled from source for tests that start real worker processes.
import { bundleEntry } from './bundle-entry';

export function engineWorkerBundle(): Promise<string> {
  return bundleEntry('src/main/engine/host/worker-entry.ts', 'engine-worker');
}
