// Desktop notifications and the tray's unread count, end to end: the Electron main process on a
// fake Electron with its real engine worker and embedded SMP server, and a second real engine
// (bob) on that server sending real messages. Waits on engine events, never on time.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserWindow as FakeWindow,
  Notification as FakeNotification,
  Tray as FakeTray,
  app,
  fake,
  resetFakeElectron,
} from './fake-electron';
import { runDesktopApp, type DesktopApp } from '../../../src/main/app/desktop-app';
import { EVENT_CHANNEL } from '../../../src/shared/ipc/bridge';
import type { ChatId } from '../../../src/shared/models/chats';
import {
  ContractEvents,
  active,
  useChatEngines,
  type TestEngine,
} from '../../integration/chat-support';
import { embeddedServerBundle } from '../../support/embedded-server-bundle';
import { engineWorkerBundle } from '../../support/engine-worker-bundle';

vi.mock('electron', () => import('./fake-electron'));

const root = path.resolve(import.meta.dirname, '../../..');
const distDir = path.join(root, 'node_modules/.cache/conclave-test', `alerts-dist-${process.pid}`);
const ownPage = { url: 'app://conclave/index.html', parent: null };

beforeAll(async () => {
  for (const dir of ['main', 'renderer']) {
    mkdirSync(path.join(distDir, dir), { recursive: true });
  }
  copyFileSync(await engineWorkerBundle(), path.join(distDir, 'main', 'engine-worker.cjs'));
  copyFileSync(await embeddedServerBundle(), path.join(distDir, 'main', 'embedded-server.cjs'));
  writeFileSync(path.join(distDir, 'renderer', 'index.html'), '<!doctype html>');
});
afterAll(() => rmSync(distDir, { recursive: true, force: true }));

let running: DesktopApp | undefined;
async function quit(): Promise<void> {
  if (!running) return;
  const stopping = running;
  running = undefined;
  app.quit();
  await stopping.stopped;
}
// Registered before useChatEngines, so the app (and its server) stops after bob has.
afterEach(quit);
const t = useChatEngines();
beforeEach(() => {
  resetFakeElectron();
  fake.userData = t.tempDir();
});

interface Alice {
  readonly desktop: DesktopApp;
  readonly window: FakeWindow;
  readonly events: ContractEvents;
}

async function startApp(): Promise<Alice> {
  const started = runDesktopApp({ distDir, assetsDir: '/assets' });
  fake.readyResolve!();
  const desktop = await started;
  if (!desktop) throw new Error('the app did not start');
  running = desktop;
  const events = new ContractEvents();
  desktop.engine.onAny((name, payload) =>
    events.push({ name, payload } as Parameters<ContractEvents['push']>[0]),
  );
  return { desktop, window: FakeWindow.instances[0]!, events };
}

async function invoke(name: string, input: unknown): Promise<unknown> {
  const result = (await fake.ipcHandlers.get(`conclave:cmd:${name}`)!(
    { senderFrame: ownPage },
    input,
  )) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** alice (the app) invites bob (an engine on the app's embedded server); both chats' ids. */
async function connectBob(
  alice: Alice,
): Promise<{ bob: TestEngine; aliceChat: ChatId; bobChat: ChatId }> {
  const address = alice.desktop.embeddedServer!.address;
  const bob = await t.engine('bob', null, { embeddedServer: { address } });
  await invoke('profile.create', { displayName: 'alice' });
  const invitation = (await invoke('invitation.create', {})) as { link: string };
  const joined = await bob.call('connect', { link: invitation.link });
  const ba = await active(bob, joined.contact.id);
  const ab = await alice.events.until('contacts.updated', (c) => c.status === 'active');
  return { bob, aliceChat: ab.chatId, bobChat: ba.chatId };
}

/** Runs `command` and waits for the event `name` it causes. */
async function invokeAndSee(
  alice: Alice,
  event: 'chats.updated' | 'settings.updated',
  name: string,
  input: unknown,
): Promise<void> {
  const seen = alice.events.next(event);
  await invoke(name, input);
  await seen;
}

/** bob sends `text`; resolves once alice's engine has added it. */
async function bobSays(alice: Alice, bob: TestEngine, bobChat: ChatId, text: string) {
  await bob.call('chat.send', { chatId: bobChat, text });
  await alice.events.until(
    'chat.item.added',
    (e) => e.item.direction === 'rcv' && e.item.text === text,
  );
}

function shown(): { title: string; body: string }[] {
  return FakeNotification.instances.filter((n) => n.shown).map((n) => n.options);
}

function chatOpenRequests(win: FakeWindow): unknown[] {
  return win.webContents.sent
    .filter((s) => s.channel === EVENT_CHANNEL)
    .map((s) => s.message as { name: string; payload: unknown })
    .filter((m) => m.name === 'app.chat.open')
    .map((m) => m.payload);
}

describe('desktop notifications and tray', () => {
  it('notifies a message unless its chat is on screen or muted; a click opens the chat', async () => {
    const alice = await startApp();
    const { bob, aliceChat, bobChat } = await connectBob(alice);
    const win = alice.window;

    // The window is not focused: a notification, with the sender and the text.
    await bobSays(alice, bob, bobChat, 'hello alice');
    expect(shown()).toEqual([{ title: 'bob', body: 'hello alice' }]);
    win.minimized = true;
    FakeNotification.instances[0]!.emit('click');
    expect(win).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(chatOpenRequests(win)).toEqual([{ chatId: aliceChat }]);

    // The focused window shows that chat: nothing.
    await invoke('app.chat.focused', { chatId: aliceChat });
    await bobSays(alice, bob, bobChat, 'on screen');
    expect(shown()).toHaveLength(1);

    // Another chat on screen, or the window in the background: a notification again.
    await invoke('app.chat.focused', { chatId: '@999' });
    await bobSays(alice, bob, bobChat, 'elsewhere');
    win.focused = false;
    await invoke('app.chat.focused', { chatId: aliceChat });
    await bobSays(alice, bob, bobChat, 'behind');
    expect(shown().slice(1)).toEqual([
      { title: 'bob', body: 'elsewhere' },
      { title: 'bob', body: 'behind' },
    ]);

    // A muted chat: nothing.
    await invokeAndSee(alice, 'chats.updated', 'chat.setMuted', { chatId: aliceChat, muted: true });
    await bobSays(alice, bob, bobChat, 'muted');
    expect(shown()).toHaveLength(3);
  });

  it('shapes the notification by the preview level, and stays quiet when turned off', async () => {
    const alice = await startApp();
    const { bob, bobChat } = await connectBob(alice);
    const setPreview = (update: Record<string, unknown>) =>
      invokeAndSee(alice, 'settings.updated', 'settings.update', update);

    await setPreview({ notificationPreview: 'sender' });
    await bobSays(alice, bob, bobChat, 'secret plans');
    await setPreview({ notificationPreview: 'none' });
    await bobSays(alice, bob, bobChat, 'more plans');
    await setPreview({ notificationPreview: 'message' });
    await bobSays(alice, bob, bobChat, 'open plans');
    await setPreview({ notificationsEnabled: false });
    await bobSays(alice, bob, bobChat, 'unheard');
    expect(shown()).toEqual([
      { title: 'bob', body: 'New message' },
      { title: 'Conclave', body: 'New message' },
      { title: 'bob', body: 'open plans' },
    ]);
  });

  it('shows unread messages of unmuted chats in the tray, from events and from the list at start', async () => {
    const alice = await startApp();
    const tray = FakeTray.instances[0]!;
    expect(tray.tooltip).toBe('Conclave');
    const { bob, aliceChat, bobChat } = await connectBob(alice);

    await bobSays(alice, bob, bobChat, 'one');
    await bobSays(alice, bob, bobChat, 'two');
    expect(tray.tooltip).toBe('Conclave: 2 unread');
    expect(fake.badgeCounts.at(-1)).toBe(2);

    const chatCommand = (name: string, input: Record<string, unknown>) =>
      invokeAndSee(alice, 'chats.updated', name, { chatId: aliceChat, ...input });
    await chatCommand('chat.setMuted', { muted: true });
    expect(tray.tooltip).toBe('Conclave');
    await chatCommand('chat.setMuted', { muted: false });
    expect(tray.tooltip).toBe('Conclave: 2 unread');
    await chatCommand('chat.markRead', {});
    expect(tray.tooltip).toBe('Conclave');
    await bobSays(alice, bob, bobChat, 'three');
    expect(tray.tooltip).toBe('Conclave: 1 unread');

    // The next start reads the count from the chat list.
    await quit();
    resetFakeElectron();
    await startApp();
    expect(FakeTray.instances[0]!.tooltip).toBe('Conclave: 1 unread');
  });
});
