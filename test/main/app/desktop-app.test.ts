// The whole Electron main process against a fake Electron, with the real engine worker (played
// by a Node child process in place of Electron's utility process) and real SQLite files.
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
import { runDesktopApp, type DesktopApp } from '../../../src/main/app/desktop-app';
import { databasePath } from '../../../src/main/engine/store';
import { migrations } from '../../../src/main/engine/store/migrations';
import { openDatabase } from '../../../src/node/sqlite';
import type { EngineStatus } from '../../../src/shared/models/engine';
import { EVENT_CHANNEL } from '../../../src/shared/ipc/bridge';
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

async function start(): Promise<DesktopApp> {
  const started = runDesktopApp({ distDir, assetsDir: '/assets' });
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
    expect(utilityProcess.forked).toHaveLength(1);

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
    utilityProcess.forked[0]!.kill();
    await ready;
    const win = FakeWindow.instances[0]!;
    const states = sentEvents(win, 'engine.status').map((s) => (s as EngineStatus).state);
    expect(states).toEqual(['restarting', 'ready']);
    expect(utilityProcess.forked).toHaveLength(2);
    expect(await invoke('profile.get', {})).toMatchObject({
      ok: true,
      value: { displayName: 'alice' },
    });
  });

  it('shuts down in order: the engine closes its store before the app quits', async () => {
    const desktop = await start();
    await invoke('profile.create', { displayName: 'alice' });
    const writes = Array.from({ length: 20 }, (_, i) =>
      invoke('profile.update', { fullName: `n${i}` }),
    );
    app.quit();
    await desktop.stopped;
    running = undefined;
    expect(fake.quitCalls).toBe(2); // the held quit, then the real one
    expect(desktop.engine.status).toEqual({ state: 'stopped' });
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
