#!/usr/bin/env node
// Builds the Node-side bundles with esbuild (main, preload, engine worker, hosts, CLIs) and the
// renderer with vite. `--node` or `--renderer` builds one half only.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { nodeBundleOptions } from './node-bundle-options.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const all = !args.has('--node') && !args.has('--renderer');

export const nodeEntries = [
  { in: 'src/main/app/main.ts', out: 'main/main' },
  { in: 'src/main/engine/host/worker-entry.ts', out: 'main/engine-worker' },
  { in: 'src/main/host/cli.ts', out: 'host/web' },
  { in: 'src/server/cli.ts', out: 'server/cli' },
  // The embedded SMP server's process sits beside the engine worker: the app ships dist/main.
  { in: 'src/server/embedded-entry.ts', out: 'main/embedded-server' },
  { in: 'src/cli/main.ts', out: 'cli/conclave' },
  { in: 'src/relay/main.ts', out: 'relay/relay' },
];

// The preload runs in a sandboxed renderer, whose require() knows only electron, events, timers
// and url, and which has no __filename: one self-contained CommonJS file without the banner.
export const preloadEntry = { in: 'src/main/app/preload.ts', out: 'main/preload' };
export const preloadBuildOptions = {
  absWorkingDir: root,
  entryPoints: [preloadEntry],
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'chrome140',
  sourcemap: 'linked',
  external: ['electron'],
  logLevel: 'warning',
};

export async function buildNode() {
  const entries = nodeEntries.filter((e) => existsSync(path.join(root, e.in)));
  if (existsSync(path.join(root, preloadEntry.in))) await build(preloadBuildOptions);
  await build({
    ...nodeBundleOptions,
    absWorkingDir: root,
    entryPoints: entries.map((e) => ({ in: e.in, out: e.out })),
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    sourcemap: 'linked',
  });
}

function buildRenderer() {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
      // What users run, whoever calls this: under vitest (NODE_ENV=test, e.g. a test that runs
      // `npm start --web`) vite would otherwise bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed (${r.status})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    if (all || args.has('--node')) await buildNode();
    if (all || args.has('--renderer')) buildRenderer();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
