// Stored rows as the contract's views. Pure: the queries that feed them are in ./read.ts.
import type { ChatId, ChatItemView, ChatSummary } from '../../../shared/models/chats';
import type { AddressView, ContactRequestView, ContactView } from '../../../shared/models/contacts';
import { directChatId } from './ids';
import type { Address } from './store/address';
import type { Chat } from './store/chats';
import type { Contact } from './store/contacts';
import type { Item } from './store/items';
import type { ReactionCount } from './store/reactions';
import type { ContactRequest } from './store/requests';

export function contactView(c: Contact): ContactView {
  return {
    id: c.id,
    chatId: directChatId(c.id),
    displayName: c.displayName,
    fullName: c.fullName,
    image: c.image,
    status: contactStatus(c),
    via: c.via,
    createdAt: c.createdAt,
  };
}

function contactStatus(c: Contact): ContactView['status'] {
  // A merged contact is never shown; should one get here, it reads as gone.
  if (c.status === 'merged') return 'deleted';
  return c.status === 'connecting' && c.connError !== null ? 'failed' : c.status;
}

/** Whether messages can be sent to the contact now. */
export function contactReady(c: Contact): boolean {
  return c.status === 'active' && c.connId !== null;
}

export function itemView(
  item: Item,
  chatId: ChatId,
  reactions: readonly ReactionCount[],
): ChatItemView {
  return {
    id: item.id,
    chatId,
    direction: item.direction,
    text: item.text,
    contentType: item.contentType,
    sentAt: item.sentAt,
    status: item.status,
    editedAt: item.editedAt,
    deleted: item.deleted,
    reactions: reactions
      .filter((r) => r.itemId === item.id)
      .map(({ emoji, count, mine }) => ({ emoji, count, mine })),
    error: item.error,
  };
}

export function directChatSummary(
  chat: Chat,
  contact: Contact,
  lastItem: ChatItemView | null,
): ChatSummary {
  return {
    id: directChatId(contact.id),
    type: 'direct',
    title: contact.displayName,
    image: contact.image,
    ready: contactReady(contact),
    lastItem,
    unreadCount: chat.unreadCount,
    muted: chat.muted,
    updatedAt: chat.updatedAt,
  };
}

export function addressView(a: Address): AddressView {
  return {
    link: a.link,
    shortLink: a.shortLink,
    autoAccept: a.autoAccept,
    createdAt: a.createdAt,
  };
}

export function requestView(r: ContactRequest): ContactRequestView {
  return {
    id: r.id,
    displayName: r.profile.displayName,
    fullName: r.profile.fullName,
    image: r.profile.image,
    receivedAt: r.receivedAt,
  };
}
