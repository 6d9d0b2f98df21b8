// The whole Electron main process against a fake Electron, with the real engine worker and the
// real embedded SMP server (each played by a Node child process in place of Electron's utility
// process) and real SQLite files.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserWindow as FakeWindow,
  Notification as FakeNotification,
  Tray as FakeTray,
  app,
  fake,
  resetFakeElectron,
  session,
  utilityProcess,
} from './fake-electron';
import {
  runDesktopApp,
  type DesktopApp,
  type DesktopAppOptions,
} from '../../../src/main/app/desktop-app';
import type { EmbeddedServerStatus } from '../../../src/server/embedded-runner';
import { databasePath } from '../../../src/main/engine/store';
import { migrations } from '../../../src/main/engine/store/migrations';
import { openDatabase } from '../../../src/node/sqlite';
import type { EngineStatus } from '../../../src/shared/models/engine';
import { EVENT_CHANNEL } from '../../../src/shared/ipc/bridge';
import { embeddedServerBundle } from '../../support/embedded-server-bundle';
import { engineWorkerBundle } from '../../support/engine-worker-bundle';
import { useTempDirs } from '../../support/temp-dir';

vi.mock('electron', () => import('./fake-electron'));

const tempDir = useTempDirs();
const root = path.resolve(import.meta.dirname, '../../..');
// Under the project, so the worker's require('sqlite3') resolves.
const distDir = path.join(root, 'node_modules/.cache/conclave-test', `app-dist-${process.pid}`);
const ownPage = { url: 'app://conclave/index.html', parent: null };
const groupLink = 'simplex:/g#AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd?h=smp.example';

beforeAll(async () => {
  mkdirSync(path.join(distDir, 'main'), { recursive: true });
  mkdirSync(path.join(distDir, 'renderer'), { recursive: true });
  copyFileSync(await engineWorkerBundle(), path.join(distDir, 'main', 'engine-worker.cjs'));
  copyFileSync(await embeddedServerBundle(), path.join(distDir, 'main', 'embedded-server.cjs'));
  writeFileSync(path.join(distDir, 'renderer', 'index.html'), '<!doctype html>');
});
afterAll(() => rmSync(distDir, { recursive: true, force: true }));

let running: DesktopApp | undefined;
beforeEach(() => {
  resetFakeElectron();
  fake.userData = tempDir();
});
afterEach(async () => {
  if (running) {
    app.quit();
    await running.stopped;
    running = undefined;
  }
});

async function start(options: Partial<DesktopAppOptions> = {}): Promise<DesktopApp> {
  const started = runDesktopApp({ distDir, assetsDir: '/assets', ...options });
  fake.readyResolve!();
  const desktop = await started;
  if (!desktop) throw new Error('the app did not start');
  running = desktop;
  return desktop;
}

function invoke(name: string, input: unknown, senderFrame: unknown = ownPage) {
  return fake.ipcHandlers.get(`conclave:cmd:${name}`)!({ senderFrame }, input);
}

function sentEvents(win: FakeWindow, name?: string): unknown[] {
  return win.webContents.sent
    .filter((s) => s.channel === EVENT_CHANNEL)
    .map((s) => s.message as { name: string; payload: unknown })
    .filter((m) => !name || m.name === name)
    .map((m) => (name ? m.payload : m));
}

/** The utility processes started so far, by bundle (relative to dist). */
function forkedBundles(): string[] {
  return utilityProcess.forked.map((p) => path.relative(distDir, p.modulePath));
}

function forkedOf(bundle: string) {
  const found = utilityProcess.forked.filter(
    (p) => path.relative(distDir, p.modulePath) === bundle,
  );
  if (found.length === 0) throw new Error(`no ${bundle} process was started`);
  return found[found.length - 1]!;
}

function serverStatusReached(
  desktop: DesktopApp,
  state: EmbeddedServerStatus['state'],
): Promise<void> {
  return new Promise((resolve) => {
    const off = desktop.embeddedServer!.onStatus((s) => {
      if (s.state === state) {
        off();
        resolve();
      }
    });
  });
}

/** Holds a loopback port the way another program would. */
function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function statusReached(desktop: DesktopApp, state: EngineStatus['state']): Promise<void> {
  return new Promise((resolve) => {
    const off = desktop.engine.on('engine.status', (s) => {
      if (s.state === state) {
        off();
        resolve();
      }
    });
  });
}

describe('desktop app', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.singleInstance = false;
    expect(await runDesktopApp({ distDir })).toBeUndefined();
    expect(fake.quitCalls).toBe(1);
    expect(FakeWindow.instances).toEqual([]);
    expect(utilityProcess.forked).toEqual([]);
  });

  it('starts the engine worker, a locked-down window, IPC, the tray and the app:// scheme', async () => {
    const desktop = await start();
    expect(fake.privilegedSchemes).toMatchObject([{ scheme: 'app' }]);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect(session.defaultSession.requestHandler).toBeDefined();
    expect(desktop.engine.status).toEqual({ state: 'ready' });
    expect(forkedBundles()).toEqual(['main/embedded-server.cjs', 'main/engine-worker.cjs']);

    const win = FakeWindow.instances[0]!;
    expect(win.loadedUrl).toBe('app://conclave/index.html');
    expect(win.options.webPreferences).toMatchObject({
      preload: path.join(distDir, 'main', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(FakeTray.instances[0]?.image).toEqual({ path: '/assets/tray.png' });

    expect(await invoke('app.info', {})).toMatchObject({
      ok: true,
      value: { runtime: 'electron' },
    });
    expect(await invoke('profile.create', { displayName: 'alice' })).toMatchObject({ ok: true });
    expect(sentEvents(win, 'profile.updated')).toMatchObject([{ displayName: 'alice' }]);
    expect(
      await invoke('profile.get', {}, { url: 'https://evil.example/', parent: null }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('holds deep links until the renderer is ready; a second start focuses and hands over its link', async () => {
    process.argv.push(groupLink);
    let desktop: DesktopApp;
    try {
      desktop = await start();
    } finally {
      process.argv.pop();
    }
    const win = FakeWindow.instances[0]!;
    expect(sentEvents(win, 'app.link.opened')).toEqual([]);
    expect(await invoke('app.ready', {})).toEqual({ ok: true, value: null });
    expect(sentEvents(win, 'app.link.opened')).toEqual([{ kind: 'group', link: groupLink }]);

    win.minimized = true;
    const contact = 'simplex:/contact#/?v=2-7&smp=x';
    app.emit('second-instance', {}, ['/opt/Conclave/conclave', '--flag', contact], '/');
    expect(win).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(sentEvents(win, 'app.link.opened')).toHaveLength(2);

    const prevented: boolean[] = [];
    app.emit('open-url', { preventDefault: () => prevented.push(true) }, 'simplex:/a#key');
    expect(prevented).toEqual([true]);
    expect(sentEvents(win, 'app.link.opened')).toHaveLength(3);
    expect(desktop.links).toBeDefined();
  });

  it('notifies unless the focused window shows that chat; a click opens the chat', async () => {
    const desktop = await start();
    const win = FakeWindow.instances[0]!;
    win.focused = true;
    expect(await invoke('app.chat.focused', { chatId: '#1' })).toEqual({ ok: true, value: null });
    const message = {
      chatId: '#1',
      chatName: 'Hikers',
      senderName: 'Bob',
      text: 'hi',
      isGroup: true,
    };
    expect(desktop.notifier.notify(message)).toEqual({ notify: false, reason: 'chat-visible' });
    expect(FakeNotification.instances).toEqual([]);

    expect(desktop.notifier.notify({ ...message, chatId: '#2' })).toMatchObject({ notify: true });
    win.focused = false;
    win.minimized = true;
    FakeNotification.instances[0]!.emit('click');
    expect(win).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(sentEvents(win, 'app.chat.open')).toEqual([{ chatId: '#2' }]);
  });

  it('restarts a crashed engine worker and tells the renderer', async () => {
    const desktop = await start();
    await invoke('profile.create', { displayName: 'alice' });
    const ready = statusReached(desktop, 'ready');
    forkedOf('main/engine-worker.cjs').kill();
    await ready;
    const win = FakeWindow.instances[0]!;
    const states = sentEvents(win, 'engine.status').map((s) => (s as EngineStatus).state);
    expect(states).toEqual(['restarting', 'ready']);
    expect(forkedBundles().filter((b) => b === 'main/engine-worker.cjs')).toHaveLength(2);
    // The new worker has the embedded server too.
    expect(await invoke('servers.get', {})).toMatchObject({
      ok: true,
      value: { embedded: { address: desktop.embeddedServer!.address, running: true } },
    });
    expect(await invoke('profile.get', {})).toMatchObject({
      ok: true,
      value: { displayName: 'alice' },
    });
  });

  it('runs the embedded SMP server on a port kept in its data directory, for the engine', async () => {
    const desktop = await start();
    const server = desktop.embeddedServer!;
    expect(server.status).toEqual({ state: 'running' });
    expect(server.address).toBe(
      `smp://${readFileSync(path.join(fake.userData, 'smp-server', 'fingerprint'), 'utf8').trim()}@127.0.0.1:${server.port}`,
    );
    const config = JSON.parse(
      readFileSync(path.join(fake.userData, 'smp-server', 'server.json'), 'utf8'),
    ) as { port: number };
    expect(config.port).toBe(server.port);
    expect(await invoke('servers.get', {})).toEqual({
      ok: true,
      value: {
        useEmbedded: true,
        embedded: { address: server.address, running: true, error: null },
        custom: [],
      },
    });

    // Killed, it comes back on the same address.
    const restarting = serverStatusReached(desktop, 'restarting');
    const running = serverStatusReached(desktop, 'running');
    forkedOf('main/embedded-server.cjs').kill();
    await restarting;
    await running;
    expect(forkedBundles().filter((b) => b === 'main/embedded-server.cjs')).toHaveLength(2);
    expect(desktop.embeddedServer!.address).toBe(server.address);

    // And so after a restart of the app.
    app.quit();
    await desktop.stopped;
    resetFakeElectron();
    const again = await start();
    expect(again.embeddedServer!.address).toBe(server.address);
  });

  it('runs without the embedded server when told to (--no-embedded-server)', async () => {
    const desktop = await start({ smpServer: 'none' });
    expect(desktop.embeddedServer).toBeUndefined();
    expect(forkedBundles()).toEqual(['main/engine-worker.cjs']);
    expect(await invoke('servers.get', {})).toMatchObject({
      ok: true,
      value: { embedded: { address: null, running: false } },
    });
  });

  it('still starts when another program holds the embedded server port; settings show it', async () => {
    const first = await start();
    const port = first.embeddedServer!.port;
    app.quit();
    await first.stopped;
    resetFakeElectron();

    const squatter = await occupy(port);
    try {
      const desktop = await start();
      expect(desktop.embeddedServer).toBeUndefined();
      expect(desktop.engine.status).toEqual({ state: 'ready' });
      expect(await invoke('servers.get', {})).toMatchObject({
        ok: true,
        value: { useEmbedded: true, embedded: { address: null, running: false } },
      });
      // With the reason, from the server's process through main to the engine worker.
      expect(await invoke('servers.get', {})).toMatchObject({
        value: {
          embedded: {
            error: expect.stringContaining(
              `127.0.0.1:${port}: it is in use by another program`,
            ) as unknown,
          },
        },
      });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('shuts down in order: the engine closes its store, then the server stops, then the app quits', async () => {
    const desktop = await start();
    const stops: string[] = [];
    desktop.engine.on('engine.status', (s) => {
      if (s.state === 'stopped') stops.push('engine');
    });
    desktop.embeddedServer!.onStatus((s) => {
      if (s.state === 'stopped') stops.push('server');
    });
    await invoke('profile.create', { displayName: 'alice' });
    const writes = Array.from({ length: 20 }, (_, i) =>
      invoke('profile.update', { fullName: `n${i}` }),
    );
    app.quit();
    await desktop.stopped;
    running = undefined;
    expect(fake.quitCalls).toBe(2); // the held quit, then the real one
    expect(desktop.engine.status).toEqual({ state: 'stopped' });
    expect(stops).toEqual(['engine', 'server']);
    expect(FakeTray.instances[0]?.destroyed).toBe(true);
    expect(fake.ipcHandlers.size).toBe(0);
    const results = (await Promise.all(writes)) as { ok: boolean }[];
    expect(results.every((r) => r.ok)).toBe(true);

    const dataDir = path.join(fake.userData, 'engine');
    const wal = `${databasePath(dataDir)}-wal`;
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const db = await openDatabase(databasePath(dataDir), { migrations });
    expect(await db.get('SELECT display_name, full_name FROM user_profiles')).toEqual({
      display_name: 'alice',
      full_name: 'n19',
    });
    await db.close();
  });

  it('explains and exits when the database is from a newer version', async () => {
    const dataDir = path.join(fake.userData, 'engine');
    mkdirSync(dataDir, { recursive: true });
    const db = await openDatabase(databasePath(dataDir), { migrations });
    await db.run('PRAGMA user_version = 99');
    await db.close();

    const started = runDesktopApp({ distDir });
    fake.readyResolve!();
    expect(await started).toBeUndefined();
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]?.content).toMatch(/newer version/);
    expect(fake.exitCodes).toEqual([1]);
    expect(FakeWindow.instances).toEqual([]);
  });
});
