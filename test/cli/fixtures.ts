// Contract views for the output tests, with the fields each test cares about overridden.
import type { ChatItemView, ChatSummary } from '../../src/shared/models/chats';
import type { ContactRequestView, ContactView } from '../../src/shared/models/contacts';
import type { ProfileView } from '../../src/shared/models/profile';

const AT = '2026-01-02T03:04:05.000Z';

export function contact(
  id: number,
  displayName: string,
  extra: Partial<ContactView> = {},
): ContactView {
  return {
    id,
    chatId: `@${id}`,
    displayName,
    fullName: '',
    image: null,
    status: 'active',
    via: 'address',
    createdAt: AT,
    ...extra,
  };
}

export function request(id: number, displayName: string): ContactRequestView {
  return { id, displayName, fullName: '', image: null, receivedAt: AT };
}

export function item(id: number, chatId: string, extra: Partial<ChatItemView> = {}): ChatItemView {
  return {
    id,
    chatId,
    direction: 'rcv',
    text: 'hi',
    contentType: 'text',
    sentAt: AT,
    status: 'received',
    editedAt: null,
    deleted: false,
    reactions: [],
    error: null,
    ...extra,
  };
}

export function chat(id: string, title: string): ChatSummary {
  return {
    id,
    type: 'direct',
    title,
    image: null,
    ready: true,
    lastItem: null,
    unreadCount: 0,
    muted: false,
    updatedAt: AT,
  };
}

export function profile(displayName: string, fullName = ''): ProfileView {
  return { id: 1, displayName, fullName, image: null, createdAt: AT, updatedAt: AT };
}
