import { describe, expect, it } from 'vitest';
import { incomingMessage } from '../../../src/main/app/chat-alerts';
import type { ChatItemView, ChatSummary } from '../../../src/shared/models/chats';

const chat: ChatSummary = {
  id: '@4',
  type: 'direct',
  title: 'Bob',
  image: null,
  ready: true,
  lastItem: null,
  unreadCount: 1,
  muted: false,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const item: ChatItemView = {
  id: 9,
  chatId: '@4',
  direction: 'rcv',
  text: 'Summit at noon',
  contentType: 'text',
  sentAt: '2026-01-01T00:00:00.000Z',
  status: 'received',
  editedAt: null,
  deleted: false,
  reactions: [],
  error: null,
};

describe('chat alerts', () => {
  it('turns a received item into the message the policy decides on', () => {
    expect(incomingMessage({ chat, item })).toEqual({
      chatId: '@4',
      chatName: 'Bob',
      senderName: 'Bob',
      text: 'Summit at noon',
      isGroup: false,
    });
  });

  it('ignores the user’s own items and deleted ones', () => {
    expect(incomingMessage({ chat, item: { ...item, direction: 'snd', status: 'sent' } })).toBe(
      undefined,
    );
    expect(incomingMessage({ chat, item: { ...item, deleted: true } })).toBe(undefined);
  });
});
