import { describe, expect, it } from 'vitest';
import {
  MAX_NOTIFICATION_BODY,
  decideNotification,
  type NotificationSituation,
} from '../../../src/shared/notifications/policy';

const base: NotificationSituation = {
  message: {
    chatId: 'c1',
    chatName: 'Hikers',
    senderName: 'Bob',
    text: 'Summit at noon',
    isGroup: true,
  },
  enabled: true,
  preview: 'message',
  windowFocused: false,
  openChatId: null,
  chatMuted: false,
};

describe('notification policy', () => {
  it('does not notify when notifications are off or the chat is muted', () => {
    expect(decideNotification({ ...base, enabled: false })).toEqual({
      notify: false,
      reason: 'disabled',
    });
    expect(decideNotification({ ...base, chatMuted: true })).toEqual({
      notify: false,
      reason: 'muted',
    });
  });

  it('does not notify for the chat the user is looking at', () => {
    expect(decideNotification({ ...base, windowFocused: true, openChatId: 'c1' })).toEqual({
      notify: false,
      reason: 'chat-visible',
    });
  });

  it('notifies for the open chat when the window is not focused, and for other chats when it is', () => {
    expect(decideNotification({ ...base, windowFocused: false, openChatId: 'c1' }).notify).toBe(
      true,
    );
    expect(decideNotification({ ...base, windowFocused: true, openChatId: 'c2' }).notify).toBe(
      true,
    );
  });

  it('shows as much as the preview level allows', () => {
    expect(decideNotification({ ...base, preview: 'none' })).toEqual({
      notify: true,
      title: 'Conclave',
      body: 'New message',
    });
    expect(decideNotification({ ...base, preview: 'sender' })).toEqual({
      notify: true,
      title: 'Hikers',
      body: 'New message from Bob',
    });
    expect(decideNotification(base)).toEqual({
      notify: true,
      title: 'Hikers',
      body: 'Bob: Summit at noon',
    });
    const direct = { ...base.message, isGroup: false, chatName: 'Bob' };
    expect(decideNotification({ ...base, message: direct, preview: 'sender' })).toEqual({
      notify: true,
      title: 'Bob',
      body: 'New message',
    });
    expect(decideNotification({ ...base, message: direct })).toEqual({
      notify: true,
      title: 'Bob',
      body: 'Summit at noon',
    });
  });

  it('never leaks text beyond the preview level and keeps bodies short and on one line', () => {
    for (const preview of ['none', 'sender'] as const) {
      expect(JSON.stringify(decideNotification({ ...base, preview }))).not.toContain('Summit');
    }
    const long = decideNotification({
      ...base,
      message: { ...base.message, isGroup: false, text: `line one\n\nline two ${'x'.repeat(500)}` },
    });
    expect(long.notify && long.body.length).toBe(MAX_NOTIFICATION_BODY);
    expect(long.notify && long.body.startsWith('line one line two')).toBe(true);
    const empty = decideNotification({
      ...base,
      message: { ...base.message, isGroup: false, text: '  ' },
    });
    expect(empty).toMatchObject({ body: 'New message' });
  });
});
