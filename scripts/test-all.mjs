#!/usr/bin/env node
// The one test command (README, .ci/run): format, lint (with the folder-boundary rule), type-check,
// build, the packaging check, then every vitest project (unit, renderer, integration, e2e). Each
// check step counts as one test; vitest's tests are read from its JSON report. Ends with a plain
// `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (ok) passed++;
  else failed++;
  return ok;
}

step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
step('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('typecheck (web)', bin('tsc'), ['-p', 'test/renderer/tsconfig.json', '--noEmit']);
const built = step('build', process.execPath, [path.join(root, 'scripts/build.mjs')]);
// electron-builder --linux --dir against a placeholder Electron (about 8 s): fuses, asar, natives.
if (built) {
  step('package check', process.execPath, [
    path.join(root, 'scripts/package-check.mjs'),
    '--no-build',
  ]);
}

const report = path.join(root, '.reports', 'vitest.json');
rmSync(report, { force: true });
mkdirSync(path.dirname(report), { recursive: true });
if (built) {
  console.log('\n=== vitest');
  spawnSync(
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    // A suite that failed to load has no tests but is still a failure.
    for (const file of json.testResults) {
      if (file.status === 'failed' && file.assertionResults.length === 0) failed++;
    }
    if (json.numTotalTests === 0) failed++;
  } catch (e) {
    console.error(`vitest produced no readable report: ${e instanceof Error ? e.message : e}`);
    failed++;
  }
} else {
  failed++;
}

console.log('');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
