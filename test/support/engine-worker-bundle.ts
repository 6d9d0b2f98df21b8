// Bundles the engine worker from source for tests that start real worker processes, so they do
// not depend on a previous `npm run build`. The bundle goes under node_modules/.cache so that its
// require('sqlite3') resolves to the project's copy.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
let built: Promise<string> | undefined;

export function engineWorkerBundle(): Promise<string> {
  built ??= (async () => {
    const outfile = path.join(
      root,
      'node_modules/.cache/conclave-test',
      `engine-worker-${process.pid}.cjs`,
    );
    await build({
      absWorkingDir: root,
      entryPoints: ['src/main/engine/host/worker-entry.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'sqlite3', 'zstd-napi'],
      logLevel: 'warning',
    });
    return outfile;
  })();
  return built;
}
