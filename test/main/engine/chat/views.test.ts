import { describe, expect, it } from 'vitest';
import { contactReady, contactView, itemView } from '../../../../src/main/engine/chat/views';
import type { Contact } from '../../../../src/main/engine/chat/store/contacts';
import type { Item } from '../../../../src/main/engine/chat/store/items';
import { ChatItemView, ChatSummary } from '../../../../src/shared/models/chats';
import { ContactView } from '../../../../src/shared/models/contacts';
import { directChatSummary } from '../../../../src/main/engine/chat/views';

const contact: Contact = {
  id: 4,
  userProfileId: 1,
  displayName: 'bob',
  fullName: '',
  image: null,
  connId: 'c',
  status: 'active',
  via: 'address',
  sendProbes: true,
  chatVersion: { min: 1, max: 17 },
  mergedInto: null,
  connError: null,
  createdAt: 'then',
  updatedAt: 'now',
};

const item: Item = {
  id: 9,
  chatId: 2,
  direction: 'snd',
  sharedMsgId: null,
  contentType: 'text',
  contentJson: '{}',
  text: 'hi',
  sentAt: 'then',
  createdAt: 'then',
  status: 'delivered',
  editedAt: null,
  deleted: false,
  error: null,
};

describe('chat views', () => {
  it('shows contacts as the contract says, and only active ones with a connection as ready', () => {
    const view = contactView(contact);
    expect(ContactView.parse(view)).toEqual(view);
    expect(view.chatId).toBe('@4');
    expect(contactView({ ...contact, status: 'merged', mergedInto: 1 }).status).toBe('deleted');
    expect(contactReady(contact)).toBe(true);
    expect(contactReady({ ...contact, connId: null })).toBe(false);
    expect(contactReady({ ...contact, status: 'connecting' })).toBe(false);
  });

  it('shows a contact whose connection could not be made as failed', () => {
    const failed = { ...contact, status: 'connecting' as const, connError: 'AUTH' };
    expect(contactView(failed).status).toBe('failed');
    expect(contactView({ ...failed, connError: null }).status).toBe('connecting');
    expect(contactReady(failed)).toBe(false);
  });

  it('gives an item the reactions that are its own', () => {
    const view = itemView(item, '@4', [
      { itemId: 9, emoji: '👍', count: 2, mine: true },
      { itemId: 10, emoji: '❤', count: 1, mine: false },
    ]);
    expect(ChatItemView.parse(view)).toEqual(view);
    expect(view.reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
  });

  it('titles a direct chat with the contact', () => {
    const summary = directChatSummary(
      {
        id: 2,
        userProfileId: 1,
        type: 'direct',
        contactId: 4,
        unreadCount: 3,
        muted: true,
        lastItemId: 9,
        createdAt: 'then',
        updatedAt: 'now',
      },
      contact,
      null,
    );
    expect(ChatSummary.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      id: '@4',
      title: 'bob',
      ready: true,
      unreadCount: 3,
      muted: true,
    });
  });
});
