#!/usr/bin/env node
// Packaging check without an Electron binary: builds, makes a placeholder Electron dist (a
// folder with an executable named `electron` that carries an Electron-style fuse wire), runs
// `electron-builder --linux --dir` against it, and checks the result: the fuses were flipped as
// electron-builder.yml says, app.asar holds the bundles and renderer, and sqlite3's native addon
// sits in app.asar.unpacked. Prints how long packaging took.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const fakeDist = path.join(root, 'build', 'fake-electron');
const output = path.join(root, 'release', 'package-check');

function fail(message) {
  console.error(`package-check: ${message}`);
  process.exit(1);
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) fail(`${path.basename(command)} ${args.join(' ')} failed (${r.status})`);
}

/** Every file under `dir`, relative to it. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

// The fuse wire as Electron embeds it (see @electron/fuses): a sentinel, wire version 1, the
// number of fuses, then one byte per fuse: '0' off, '1' on. These are Electron's defaults.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  ['runAsNode', '1'],
  ['enableCookieEncryption', '0'],
  ['enableNodeOptionsEnvironmentVariable', '1'],
  ['enableNodeCliInspectArguments', '1'],
  ['enableEmbeddedAsarIntegrityValidation', '0'],
  ['onlyLoadAppFromAsar', '0'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '1'],
];
const EXPECTED_FUSES = {
  runAsNode: '0',
  enableCookieEncryption: '1',
  enableNodeOptionsEnvironmentVariable: '0',
  enableNodeCliInspectArguments: '0',
  enableEmbeddedAsarIntegrityValidation: '1',
  onlyLoadAppFromAsar: '1',
  loadBrowserProcessSpecificV8Snapshot: '0',
  grantFileProtocolExtraPrivileges: '0',
};

function placeholderElectron() {
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSES.length]),
    Buffer.from(FUSES.map(([, state]) => state).join('')),
  ]);
  return Buffer.concat([
    Buffer.from('#!/bin/sh\n# placeholder Electron for packaging checks; fuse wire: '),
    wire,
    Buffer.from('\necho "placeholder Electron: it cannot run" >&2\nexit 1\n'),
  ]);
}

function readFuses(file) {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL);
  if (at < 0) fail(`no fuse wire in ${file}`);
  const start = at + SENTINEL.length + 2;
  return Object.fromEntries(
    FUSES.map(([name], i) => [name, String.fromCharCode(bytes[start + i])]),
  );
}

/**
 * The paths in an asar archive, read from its header: a 16-byte pickle prefix whose last word is
 * the length of the JSON index that follows ({ files: { name: { files | size | unpacked } } }).
 */
function asarEntries(file) {
  const fd = openSync(file, 'r');
  try {
    const prefix = Buffer.alloc(16);
    readSync(fd, prefix, 0, 16, 0);
    const json = Buffer.alloc(prefix.readUInt32LE(12));
    readSync(fd, json, 0, json.length, 16);
    const list = (node, at) =>
      Object.entries(node.files ?? {}).flatMap(([name, child]) =>
        child.files ? list(child, `${at}/${name}`) : [`${at}/${name}`],
      );
    return list(JSON.parse(json.toString('utf8')), '');
  } finally {
    closeSync(fd);
  }
}

if (!process.argv.includes('--no-build'))
  run(process.execPath, [path.join(root, 'scripts/build.mjs')]);

rmSync(fakeDist, { recursive: true, force: true });
mkdirSync(fakeDist, { recursive: true });
const placeholder = path.join(fakeDist, 'electron');
writeFileSync(placeholder, placeholderElectron());
chmodSync(placeholder, 0o755);
rmSync(output, { recursive: true, force: true });

const started = Date.now();
run(path.join(root, 'node_modules', '.bin', 'electron-builder'), [
  '--linux',
  '--dir',
  `-c.electronDist=${fakeDist}`,
  '-c.npmRebuild=false',
  `-c.directories.output=${output}`,
]);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const appDir = path.join(output, 'linux-unpacked');
const fuses = readFuses(path.join(appDir, 'conclave'));
for (const [name, state] of Object.entries(EXPECTED_FUSES)) {
  if (fuses[name] !== state) fail(`fuse ${name} is '${fuses[name]}', expected '${state}'`);
}
const resources = path.join(appDir, 'resources');
const asar = path.join(resources, 'app.asar');
if (!existsSync(asar)) fail(`no ${path.relative(root, asar)}`);

const inside = asarEntries(asar);
for (const file of [
  '/package.json',
  '/dist/main/main.cjs',
  '/dist/main/preload.cjs',
  '/dist/main/engine-worker.cjs',
  '/dist/main/embedded-server.cjs',
  '/dist/renderer/index.html',
  '/assets/tray.png',
]) {
  if (!inside.includes(file)) fail(`app.asar lacks ${file}`);
}
const maps = inside.filter((p) => p.endsWith('.map'));
if (maps.length > 0) fail(`app.asar holds source maps: ${maps.slice(0, 3).join(', ')}`);

const unpacked = path.join(resources, 'app.asar.unpacked');
const natives = existsSync(unpacked) ? walk(unpacked).filter((f) => f.endsWith('.node')) : [];
if (!natives.some((f) => f.endsWith('node_sqlite3.node'))) {
  fail('node_sqlite3.node is not in app.asar.unpacked');
}

console.log(`package-check: ok in ${seconds} s (electron-builder --linux --dir)`);
console.log(`package-check: fuses ${JSON.stringify(fuses)}`);
console.log(
  `package-check: app.asar has ${inside.length} entries; unpacked natives: ${natives.join(', ')}`,
);
