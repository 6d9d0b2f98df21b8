// Chat items and summaries for tests, valid against the contract's schemas.
import type { ChatItemView, ChatSummary } from '../../../src/shared/models/chats';

export function item(id: number, extra: Partial<ChatItemView> = {}): ChatItemView {
  return {
    id,
    chatId: '@1',
    direction: id % 2 ? 'rcv' : 'snd',
    text: `message ${id}`,
    contentType: 'text',
    sentAt: new Date(Date.UTC(2025, 0, 1, 9, id)).toISOString(),
    status: id % 2 ? 'read' : 'delivered',
    editedAt: null,
    deleted: false,
    reactions: [],
    error: null,
    ...extra,
  };
}

export function items(from: number, to: number): ChatItemView[] {
  const list: ChatItemView[] = [];
  for (let id = from; id <= to; id++) list.push(item(id));
  return list;
}

export function summary(id: string, extra: Partial<ChatSummary> = {}): ChatSummary {
  return {
    id,
    type: 'direct',
    title: `Chat ${id}`,
    image: null,
    ready: true,
    lastItem: null,
    unreadCount: 0,
    muted: false,
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

export const ids = (list: readonly { readonly id: number }[]): number[] => list.map((i) => i.id);
