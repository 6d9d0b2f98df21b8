// What a chat operation changed, collected while its transaction runs and announced to the
// renderer after the commit: each change is read back as a contract view and emitted once.
import type { Executor } from '../../../node/sqlite';
import type { ChatId } from '../../../shared/models/chats';
import type { EventBus } from '../events';
import { directChatId } from './ids';
import { readChatSummary, readItemView } from './read';
import { getAddress } from './store/address';
import { chatOfContact } from './store/chats';
import { getContact } from './store/contacts';
import { getItem } from './store/items';
import { getRequest } from './store/requests';
import { addressView, contactView, requestView } from './views';

export class Changes {
  readonly contacts = new Set<number>();
  readonly removedContacts = new Set<number>();
  /** Chats by row id. */
  readonly chats = new Set<number>();
  readonly removedChats = new Set<ChatId>();
  readonly addedItems: number[] = [];
  readonly updatedItems = new Set<number>();
  readonly requests = new Set<number>();
  readonly removedRequests = new Set<number>();
  /** The address of this profile changed (or was deleted). */
  address: number | undefined;

  contactRemoved(contactId: number): void {
    this.removedContacts.add(contactId);
    this.removedChats.add(directChatId(contactId));
  }
}

/** Emits the views of everything in `changes`; call after the transaction committed. */
export async function publish(q: Executor, events: EventBus, changes: Changes): Promise<void> {
  if (changes.address !== undefined) {
    const address = await getAddress(q, changes.address);
    events.emit('address.updated', address && addressView(address));
  }
  for (const id of changes.removedRequests) events.emit('requests.removed', { id });
  for (const id of changes.requests) {
    const request = await getRequest(q, id);
    if (request && !request.accepting) events.emit('requests.updated', requestView(request));
  }
  for (const id of changes.removedContacts) events.emit('contacts.removed', { id });
  for (const id of changes.removedChats) events.emit('chats.removed', { id });

  const chats = new Set(changes.chats);
  for (const id of changes.contacts) {
    if (changes.removedContacts.has(id)) continue;
    const contact = await getContact(q, id);
    if (!contact || contact.status === 'merged') continue;
    events.emit('contacts.updated', contactView(contact));
    // The chat shows the contact's name, picture and readiness.
    const chat = await chatOfContact(q, id);
    if (chat) chats.add(chat.id);
  }

  for (const itemId of changes.addedItems) {
    const stored = await getItem(q, itemId);
    const item = stored && (await readItemView(q, itemId));
    const chat = stored && (await readChatSummary(q, stored.chatId));
    if (!item || !chat) continue;
    events.emit('chat.item.added', { chat, item });
  }
  for (const itemId of changes.updatedItems) {
    const item = await readItemView(q, itemId);
    if (item) events.emit('chat.item.updated', item);
  }
  for (const id of chats) {
    const summary = await readChatSummary(q, id);
    if (summary) events.emit('chats.updated', summary);
  }
}
