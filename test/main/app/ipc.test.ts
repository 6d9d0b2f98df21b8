import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow as FakeWindow, fake, resetFakeElectron } from './fake-electron';
import { isTrustedSender, registerIpcHandlers, sendEvent } from '../../../src/main/app/ipc';
import { createAppHandlers } from '../../../src/main/engine/host/app-handlers';
import type { EngineClient } from '../../../src/main/engine/host/client';
import { createDispatcher } from '../../../src/main/engine/host/dispatcher';
import { startInProcessEngine } from '../../../src/main/engine/host/in-process';
import { silentLogger } from '../../../src/main/engine/log';
import { MAX_PAYLOAD_BYTES, commandNames } from '../../../src/shared/ipc';
import { EVENT_CHANNEL, commandChannel } from '../../../src/shared/ipc/bridge';
import { useTempDirs } from '../../support/temp-dir';

vi.mock('electron', () => import('./fake-electron'));

const tempDir = useTempDirs();
let engine: EngineClient | undefined;
beforeEach(resetFakeElectron);
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const ownPage = { url: 'app://conclave/index.html', parent: null };

async function setup() {
  engine = await startInProcessEngine({ dataDir: tempDir(), log: silentLogger });
  const dispatcher = createDispatcher({
    engine,
    appHandlers: createAppHandlers({
      info: { version: '1', runtime: 'electron', platform: 'linux' },
      engine,
    }),
    log: silentLogger,
  });
  const unregister = registerIpcHandlers(dispatcher, silentLogger);
  const invoke = (name: string, input: unknown, senderFrame: unknown = ownPage) => {
    const handler = fake.ipcHandlers.get(`conclave:cmd:${name}`);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler({ senderFrame }, input);
  };
  return { invoke, unregister };
}

describe('Electron IPC', () => {
  it('registers one handler per contract command and removes them all', async () => {
    const { unregister } = await setup();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(commandNames.map(commandChannel).sort());
    unregister();
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('runs calls from our own page through the dispatcher', async () => {
    const { invoke } = await setup();
    expect(await invoke('app.info', {})).toEqual({
      ok: true,
      value: { version: '1', runtime: 'electron', platform: 'linux' },
    });
    expect(await invoke('profile.create', { displayName: 'alice' })).toMatchObject({
      ok: true,
      value: { displayName: 'alice' },
    });
  });

  describe('refuses calls from foreign frames with FORBIDDEN and changes nothing', () => {
    const frames: [string, unknown][] = [
      ['another origin', { url: 'https://evil.example/', parent: null }],
      ['a file page', { url: 'file:///tmp/x.html', parent: null }],
      ['another app host', { url: 'app://evil/index.html', parent: null }],
      ['an iframe of our page', { url: 'app://conclave/frame.html', parent: {} }],
      ['a destroyed frame', null],
      ['an unparsable URL', { url: 'not a url', parent: null }],
    ];
    for (const [what, frame] of frames) {
      it(what, async () => {
        const { invoke } = await setup();
        expect(await invoke('profile.create', { displayName: 'mallory' }, frame)).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: 'calls are accepted from the Conclave window only' },
        });
        expect(await invoke('profile.get', {})).toEqual({ ok: true, value: null });
      });
    }
  });

  it('answers bad input from our page with typed errors and changes nothing', async () => {
    const { invoke } = await setup();
    await invoke('profile.create', { displayName: 'alice' });
    const before = await invoke('profile.get', {});
    expect(await invoke('profile.update', { displayName: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(
      await invoke('profile.update', { fullName: 'x'.repeat(MAX_PAYLOAD_BYTES) }),
    ).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(await invoke('profile.get', {})).toEqual(before);
  });

  it('checks the sender frame', () => {
    expect(isTrustedSender(ownPage)).toBe(true);
    expect(isTrustedSender({ url: 'app://conclave', parent: null })).toBe(true);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('sends events to the window on one channel, and not to a closed window', () => {
    const win = new FakeWindow({ width: 1, height: 1 });
    sendEvent(win as never, 'settings.updated', {
      theme: 'dark',
      notificationsEnabled: true,
      notificationPreview: 'none',
    });
    expect(win.webContents.sent).toEqual([
      {
        channel: EVENT_CHANNEL,
        message: {
          name: 'settings.updated',
          payload: { theme: 'dark', notificationsEnabled: true, notificationPreview: 'none' },
        },
      },
    ]);
    win.destroyed = true;
    sendEvent(win as never, 'app.chat.open', { chatId: 'x' });
    sendEvent(undefined, 'app.chat.open', { chatId: 'x' });
    expect(win.webContents.sent).toHaveLength(1);
  });
});
