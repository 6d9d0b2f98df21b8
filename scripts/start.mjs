#!/usr/bin/env node
// `npm start`: build everything, then run the Electron app. Where the Electron binary cannot run
// (no binary installed, no display), say why and start the browser host instead, which serves the
// same UI and engine on 127.0.0.1. `npm run web` (--web) goes straight to the browser host.
// Arguments after `--` go to the app or the host, e.g. `npm run web -- --port 5123`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const webOnly = argv.includes('--web');
const passThrough = argv.filter((a) => a !== '--web' && a !== '--');

function build() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error('start: the build failed; see above.');
    process.exit(r.status ?? 1);
  }
}

/** The Electron executable, or the reason there is none that can run here. */
function findElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  // In a child, so the electron package's attempt to download a missing binary stays quiet.
  const r = spawnSync(
    process.execPath,
    ['-e', "process.stdout.write(String(require('electron')))"],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (r.status !== 0 || !r.stdout) {
    const why = (r.stderr ?? '')
      .match(/Electron failed to install[^\n]*/)?.[0]
      ?.replace(/\.+$/, '');
    return {
      reason: `no Electron binary is installed (require('electron') failed: ${why ?? 'no executable path'})`,
    };
  }
  return { executable: r.stdout };
}

/** Runs a child with our stdio until it exits; Ctrl+C and SIGTERM are passed on to it. */
function run(command, args, { onSpawnError } = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (e) => {
    if (onSpawnError) onSpawnError(e);
    else {
      console.error(`start: ${e.message}`);
      process.exit(1);
    }
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    if (code !== null || signal !== null) process.exit(code ?? 1);
  });
}

function startBrowserHost(reason) {
  if (reason) {
    console.error(
      `\nstart: Electron cannot run on this machine: ${reason}.\n` +
        'start: starting the browser host instead (the same UI and engine, served on 127.0.0.1);\n' +
        'start: open the address it prints in a browser. `npm run web` does this directly.\n',
    );
  }
  run(process.execPath, [path.join(root, 'dist/host/web.cjs'), ...passThrough]);
}

build();
if (webOnly) {
  startBrowserHost();
} else {
  const electron = findElectron();
  if (electron.executable) {
    run(electron.executable, [root, ...passThrough], {
      onSpawnError: (e) =>
        startBrowserHost(`the binary ${electron.executable} did not start (${e.message})`),
    });
  } else {
    startBrowserHost(electron.reason);
  }
}
