#!/usr/bin/env node
// `npm run bench [suite…]`: bundles bench/main.ts with esbuild and runs it in a plain Node
// process, so every figure is measured on built code, as it runs for users. Figures are printed,
// never asserted.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.bench', 'bench.cjs');

await build({
  absWorkingDir: root,
  entryPoints: ['bench/main.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron', 'sqlite3', 'zstd-napi', 'playwright-core'],
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const r = spawnSync(process.execPath, ['--expose-gc', out, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
