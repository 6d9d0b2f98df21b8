// Bundles the embedded SMP server's process entry from source (as scripts/build.mjs does), for
// tests that start real server processes without depending on a previous `npm run build`. Under
// node_modules/.cache, so that its require('sqlite3') resolves to the project's copy.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
let built: Promise<string> | undefined;

export function embeddedServerBundle(): Promise<string> {
  built ??= (async () => {
    const outfile = path.join(
      root,
      'node_modules/.cache/conclave-test',
      `embedded-server-${process.pid}.cjs`,
    );
    await build({
      absWorkingDir: root,
      entryPoints: ['src/server/embedded-entry.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'sqlite3', 'zstd-napi'],
      logLevel: 'warning',
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    return outfile;
  })();
  return built;
}
