#!/usr/bin/env node
// `npm run bench [suite…]`: bundles bench/main.ts with esbuild and runs it in a plain Node
// process, so every figure is measured on built code, as it runs for users. Figures are printed,
// never asserted.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { nodeBundleOptions } from './node-bundle-options.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.bench', 'bench.cjs');

await build({
  ...nodeBundleOptions,
  absWorkingDir: root,
  entryPoints: ['bench/main.ts'],
  outfile: out,
  // esbuild itself cannot be bundled: suites that bundle a server entry load the project's copy.
  external: [...nodeBundleOptions.external, 'playwright-core', 'esbuild'],
  define: { ...nodeBundleOptions.define, 'import.meta.dirname': '__dirname' },
});

const r = spawnSync(process.execPath, ['--expose-gc', out, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
