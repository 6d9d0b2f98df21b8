// Notifications in the browser host go through the same pure policy as main's notifier, and the
// host is told which chat is on screen. A fake Notification constructor records what is shown.
import { describe, expect, it, vi } from 'vitest';
import {
  connectBrowserNotifications,
  decideForEvent,
  type NotificationConstructorLike,
  type NotificationLike,
} from '../../../src/renderer/notifications/browserNotifier';
import { connectFocusReporting } from '../../../src/renderer/notifications/focusReporter';
import { DEFAULT_SETTINGS } from '../../../src/shared/models/settings';
import { connectedStore } from '../support/app';
import { FakeEngine } from '../support/fakeEngine';
import { item, summary } from '../support/items';
import { until } from '../support/until';

class RecordingNotification implements NotificationLike {
  static permission: NotificationPermission = 'granted';
  static readonly shown: RecordingNotification[] = [];
  onclick: ((event: Event) => unknown) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options?: NotificationOptions,
  ) {
    RecordingNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

function fakeNotifications(permission: NotificationPermission = 'granted') {
  RecordingNotification.permission = permission;
  RecordingNotification.shown.length = 0;
  const ctor: NotificationConstructorLike = RecordingNotification;
  return { ctor, shown: RecordingNotification.shown };
}

async function setUp(runtime: 'browser-host' | 'electron', permission?: NotificationPermission) {
  const engine = new FakeEngine();
  engine.runtime = runtime;
  const alice = engine.chats.addContact('Alice');
  const harness = connectedStore(engine);
  await until(harness.store, (s) => s.appInfo !== null && s.chatsLoad.status === 'ready');
  const { ctor, shown } = fakeNotifications(permission);
  let focused = false;
  const focusWindow = vi.fn<() => void>();
  connectBrowserNotifications(harness.store, harness.api, {
    hasFocus: () => focused,
    Notification: ctor,
    focusWindow,
  });
  return {
    ...harness,
    alice,
    shown: shown,
    focusWindow,
    setFocused: (f: boolean) => (focused = f),
  };
}

describe('the notification decision', () => {
  const event = { chat: summary('@1', { title: 'Alice' }), item: item(1, { text: 'hi\n there' }) };
  const state = { settings: DEFAULT_SETTINGS, view: 'chats' as const, openChatId: null };

  it('follows the policy: preview levels, mute, and the chat on screen', () => {
    expect(decideForEvent(state, event, false)).toEqual({
      notify: true,
      title: 'Alice',
      body: 'hi there',
    });
    expect(
      decideForEvent(
        { ...state, settings: { ...DEFAULT_SETTINGS, notificationPreview: 'sender' } },
        event,
        false,
      ),
    ).toEqual({ notify: true, title: 'Alice', body: 'New message' });
    expect(
      decideForEvent(
        { ...state, settings: { ...DEFAULT_SETTINGS, notificationPreview: 'none' } },
        event,
        false,
      ),
    ).toEqual({ notify: true, title: 'Conclave', body: 'New message' });
    expect(
      decideForEvent(
        { ...state, settings: { ...DEFAULT_SETTINGS, notificationsEnabled: false } },
        event,
        false,
      ),
    ).toMatchObject({ notify: false, reason: 'disabled' });
    expect(
      decideForEvent(state, { ...event, chat: { ...event.chat, muted: true } }, false),
    ).toMatchObject({ notify: false, reason: 'muted' });
    expect(decideForEvent({ ...state, openChatId: '@1' }, event, true)).toMatchObject({
      notify: false,
      reason: 'chat-visible',
    });
    // The chat is open but the window is not focused, or settings cover it: notify.
    expect(decideForEvent({ ...state, openChatId: '@1' }, event, false).notify).toBe(true);
    expect(
      decideForEvent({ ...state, openChatId: '@1', view: 'settings' as const }, event, true).notify,
    ).toBe(true);
  });
});

describe('notifications in the browser host', () => {
  it('shows one for a received message in a chat not on screen; a click opens that chat', async () => {
    const { engine, store, alice, shown, focusWindow } = await setUp('browser-host');
    engine.chats.receive(alice.chatId, 'hello there');
    expect(shown.map((n) => [n.title, n.options?.body, n.options?.tag])).toEqual([
      ['Alice', 'hello there', alice.chatId],
    ]);

    shown[0]!.onclick?.(new Event('click'));
    expect(focusWindow).toHaveBeenCalled();
    expect(store.getState().openChatId).toBe(alice.chatId);
    expect(shown[0]!.closed).toBe(true);
  });

  it('stays quiet for the chat on screen in a focused window, for sent messages, and without permission', async () => {
    const { engine, store, alice, shown, setFocused } = await setUp('browser-host');
    store.getState().openChat(alice.chatId);
    setFocused(true);
    engine.chats.receive(alice.chatId, 'seen already');
    await store.getState().sendMessage(alice.chatId, 'mine');
    expect(shown).toEqual([]);

    // The same message in an unfocused window does notify.
    setFocused(false);
    engine.chats.receive(alice.chatId, 'while away');
    expect(shown.map((n) => n.options?.body)).toEqual(['while away']);
  });

  it('shows nothing where the browser has not allowed it', async () => {
    const { engine, alice, shown } = await setUp('browser-host', 'default');
    engine.chats.receive(alice.chatId, 'hello');
    expect(shown).toEqual([]);
  });

  it('leaves it to main inside Electron, so nothing is shown twice', async () => {
    const { engine, alice, shown } = await setUp('electron');
    engine.chats.receive(alice.chatId, 'hello');
    expect(shown).toEqual([]);
  });
});

describe('telling the host which chat is on screen', () => {
  it('reports the open chat while the window has focus, and null otherwise', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    const { store, api } = connectedStore(engine);
    await until(store, (s) => s.chatsLoad.status === 'ready');
    const target = new EventTarget();
    let focused = true;
    connectFocusReporting(store, api, {
      hasFocus: () => focused,
      addEventListener: (type, listener) => target.addEventListener(type, listener),
      removeEventListener: (type, listener) => target.removeEventListener(type, listener),
    });
    const reported = () => engine.callsOf('app.chat.focused');

    await vi.waitFor(() => expect(reported()).toEqual([{ chatId: null }]));
    store.getState().openChat(alice.chatId);
    focused = false;
    target.dispatchEvent(new Event('blur'));
    focused = true;
    target.dispatchEvent(new Event('focus'));
    store.getState().navigate('settings');
    store.getState().navigate('chats');
    store.getState().closeChat();
    await vi.waitFor(() =>
      expect(reported()).toEqual([
        { chatId: null },
        { chatId: alice.chatId },
        { chatId: null },
        { chatId: alice.chatId },
        { chatId: null },
        { chatId: alice.chatId },
        { chatId: null },
      ]),
    );
    expect(engine.chats.focusedChat).toBeNull();
  });
});
