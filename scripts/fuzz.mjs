#!/usr/bin/env node
// `npm run fuzz [-- --iterations N] [--seed S] [target…]`: runs fuzz targets with far more inputs
// than the test suite does (the tests run each target at CI size). A target is a module, bundled
// here with esbuild as bench.mjs does, whose named export takes { iterations, seed } and returns
// its statistics (or a promise of them); a throw is a failure, reported with the seed that
// reproduces it. Add a target with one entry in TARGETS.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { nodeBundleOptions } from './node-bundle-options.mjs';

const root = path.resolve(import.meta.dirname, '..');

const TARGETS = {
  'smp-server': {
    entry: 'test/support/smp-fuzz.ts',
    run: 'runSmpServerFuzz',
    iterations: 1_000_000,
    description:
      'SMP server: mutated transmissions, batches, blocks and handshakes (TLS and WebSocket)',
  },
};

const USAGE = `usage: npm run fuzz -- [--iterations N] [--seed S] [--list] [target...]
targets: ${Object.keys(TARGETS).join(', ')} (default: all)`;

function usageError(message) {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { iterations: undefined, seed: Date.now() % 2 ** 32, targets: [], list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) usageError(`${flag} needs a whole number`);
      return Number(v);
    };
    if (flag === '--iterations') options.iterations = value();
    else if (flag === '--seed') options.seed = value() % 2 ** 32;
    else if (flag === '--list') options.list = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) usageError(`unknown option ${arg}`);
    else if (!(arg in TARGETS)) usageError(`unknown target '${arg}'`);
    else options.targets.push(arg);
  }
  if (options.iterations === 0) usageError('--iterations must be at least 1');
  return options;
}

async function bundle(name, entry) {
  const outfile = path.join(root, 'node_modules/.cache/conclave-fuzz', `${name}.cjs`);
  await build({
    ...nodeBundleOptions,
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    external: [...nodeBundleOptions.external, 'playwright-core', 'esbuild', 'vitest'],
    define: { ...nodeBundleOptions.define, 'import.meta.dirname': '__dirname' },
  });
  return outfile;
}

const options = parseArgs(process.argv.slice(2));
if (options.list) {
  for (const [name, t] of Object.entries(TARGETS))
    console.log(`${name.padEnd(14)} ${t.description}`);
  process.exit(0);
}
const require = createRequire(import.meta.url);
let failed = false;
for (const name of options.targets.length ? options.targets : Object.keys(TARGETS)) {
  const target = TARGETS[name];
  const iterations = options.iterations ?? target.iterations;
  console.log(`\n## ${name}: ${iterations.toLocaleString('en-US')} inputs, seed ${options.seed}`);
  const started = performance.now();
  try {
    const run = require(await bundle(name, target.entry))[target.run];
    if (typeof run !== 'function') throw new Error(`${target.entry} does not export ${target.run}`);
    const stats = await run({ iterations, seed: options.seed });
    console.log(
      `  ok in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(stats)}`,
    );
  } catch (e) {
    failed = true;
    console.error(
      `  FAILED (reproduce with --seed ${options.seed}): ${e instanceof Error ? e.stack : e}`,
    );
  }
}
process.exit(failed ? 1 : 0);
