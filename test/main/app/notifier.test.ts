import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Notification as FakeNotification, resetFakeElectron } from './fake-electron';
import { createNotifier, type NotifierOptions } from '../../../src/main/app/notifier';
import { DEFAULT_SETTINGS } from '../../../src/shared/models/settings';
import type { IncomingMessage } from '../../../src/shared/notifications/policy';

vi.mock('electron', () => import('./fake-electron'));
beforeEach(resetFakeElectron);

const message: IncomingMessage = {
  chatId: 'group:7',
  chatName: 'Hikers',
  senderName: 'Bob',
  text: 'Summit at noon',
  isGroup: true,
};

function notifier(overrides: Partial<NotifierOptions> = {}) {
  const opened: string[] = [];
  const n = createNotifier({
    settings: () => DEFAULT_SETTINGS,
    windowFocused: () => false,
    openChatId: () => null,
    isChatMuted: () => false,
    openChat: (id) => opened.push(id),
    ...overrides,
  });
  return { n, opened };
}

describe('notifier', () => {
  it('shows what the policy decides and opens the chat on click', () => {
    const { n, opened } = notifier();
    expect(n.notify(message)).toEqual({
      notify: true,
      title: 'Hikers',
      body: 'Bob: Summit at noon',
    });
    const shown = FakeNotification.instances[0]!;
    expect(shown.options).toEqual({ title: 'Hikers', body: 'Bob: Summit at noon' });
    expect(shown.shown).toBe(true);
    shown.emit('click');
    expect(opened).toEqual(['group:7']);
  });

  it('stays quiet when the chat is on screen, muted, or notifications are off', () => {
    notifier({ windowFocused: () => true, openChatId: () => 'group:7' }).n.notify(message);
    notifier({ isChatMuted: () => true }).n.notify(message);
    notifier({ settings: () => ({ ...DEFAULT_SETTINGS, notificationsEnabled: false }) }).n.notify(
      message,
    );
    expect(FakeNotification.instances).toEqual([]);
  });

  it('does nothing where the system has no notifications', () => {
    FakeNotification.supported = false;
    const decision = notifier().n.notify(message);
    expect(decision.notify).toBe(true);
    expect(FakeNotification.instances).toEqual([]);
  });

  it('honours the preview level', () => {
    const { n } = notifier({
      settings: () => ({ ...DEFAULT_SETTINGS, notificationPreview: 'none' }),
    });
    n.notify(message);
    expect(FakeNotification.instances[0]?.options).toEqual({
      title: 'Conclave',
      body: 'New message',
    });
  });
});
