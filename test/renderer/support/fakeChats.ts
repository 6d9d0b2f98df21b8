// The chat side of the fake engine: contacts, the address, invitations, requests, chats with
// their items, and SMP server settings, kept in memory and answered through the contract. Tests
// also drive it from "the other side": a contact accepts, a message arrives, a receipt comes.
import type {
  CommandName,
  CommandOutput,
  EventName,
  IpcErrorCode,
  ParsedInput,
} from '../../../src/shared/ipc';
import { recognizeSimplexLink } from '../../../src/shared/links/simplex';
import type { ChatItemView, ChatSummary, ItemStatus } from '../../../src/shared/models/chats';
import type {
  AddressView,
  ContactRequestView,
  ContactView,
} from '../../../src/shared/models/contacts';
import type { ServerTestResult, ServersView } from '../../../src/shared/models/servers';

/** A refusal with a contract error code (the fake engine turns it into an error result). */
export class Refusal extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type ChatCommand =
  | 'address.get'
  | 'address.create'
  | 'address.delete'
  | 'address.setAutoAccept'
  | 'invitation.create'
  | 'connect'
  | 'requests.list'
  | 'requests.accept'
  | 'requests.reject'
  | 'contacts.list'
  | 'contacts.get'
  | 'contacts.delete'
  | 'chats.list'
  | 'chat.items'
  | 'chat.send'
  | 'chat.item.update'
  | 'chat.item.delete'
  | 'chat.item.react'
  | 'chat.markRead'
  | 'chat.setMuted'
  | 'servers.get'
  | 'servers.set'
  | 'servers.test';

export type ChatHandlers = {
  [N in Extract<CommandName, ChatCommand>]: (input: ParsedInput<N>) => CommandOutput<N>;
};

interface ChatState {
  muted: boolean;
  unread: number;
  updatedAt: string;
  items: ChatItemView[];
}

export const EMBEDDED_SERVER = 'smp://fakeFingerprint@127.0.0.1:5223';

export class FakeChats {
  address: AddressView | null = null;
  readonly contacts = new Map<number, ContactView>();
  readonly requests = new Map<number, ContactRequestView>();
  readonly chats = new Map<string, ChatState>();
  servers: ServersView = {
    useEmbedded: true,
    embedded: { address: EMBEDDED_SERVER, running: true, error: null },
    custom: [],
  };
  /** What `servers.test` answers per address; a working server otherwise. */
  readonly serverTests = new Map<string, ServerTestResult>();
  /** The chat the renderer last said it shows (app.chat.focused). */
  focusedChat: string | null | undefined;
  private nextId = 1;
  private nextItemId = 1;

  constructor(
    private readonly emit: (event: EventName, payload: unknown) => void,
    private readonly now: () => string,
  ) {}

  // ---- the other side, for tests ----

  /** A contact with a direct chat; `active` unless said otherwise. */
  addContact(
    displayName: string,
    options: Partial<Pick<ContactView, 'status' | 'via' | 'fullName' | 'image'>> = {},
  ): ContactView {
    const id = this.nextId++;
    const contact: ContactView = {
      id,
      chatId: `@${id}`,
      displayName,
      fullName: options.fullName ?? '',
      image: options.image ?? null,
      status: options.status ?? 'active',
      via: options.via ?? 'invitation',
      createdAt: this.now(),
    };
    this.contacts.set(id, contact);
    this.chats.set(contact.chatId, {
      muted: false,
      unread: 0,
      updatedAt: contact.createdAt,
      items: [],
    });
    return contact;
  }

  /** The contact's side of the handshake finished. */
  activate(contactId: number): void {
    const contact = this.contact(contactId);
    const active = { ...contact, status: 'active' as const };
    this.contacts.set(contactId, active);
    this.emit('contacts.updated', active);
    this.emit('chats.updated', this.summary(active.chatId));
  }

  /** `count` items alternating sent and received, one minute apart, without events. */
  seedItems(chatId: string, count: number, start = Date.parse('2025-01-01T09:00:00Z')): void {
    const chat = this.chat(chatId);
    for (let i = 0; i < count; i++) {
      const at = new Date(start + i * 60_000).toISOString();
      chat.items.push(
        this.item(
          chatId,
          i % 2 ? 'rcv' : 'snd',
          `message ${i + 1}`,
          i % 2 ? 'read' : 'delivered',
          at,
        ),
      );
      chat.updatedAt = at;
    }
  }

  /** A message from the contact, as the engine announces it. */
  receive(chatId: string, text: string): ChatItemView {
    const chat = this.chat(chatId);
    const item = this.item(chatId, 'rcv', text, 'received', this.now());
    chat.items.push(item);
    chat.unread++;
    chat.updatedAt = item.sentAt;
    this.emit('chat.item.added', { chat: this.summary(chatId), item });
    return item;
  }

  /** A sent item's new status (the server took it, a receipt came, it failed). */
  setStatus(chatId: string, itemId: number, status: ItemStatus, error: string | null = null): void {
    this.change(chatId, itemId, (i) => ({ ...i, status, error }));
  }

  addRequest(displayName: string, fullName = ''): ContactRequestView {
    const request = {
      id: this.nextId++,
      displayName,
      fullName,
      image: null,
      receivedAt: this.now(),
    };
    this.requests.set(request.id, request);
    this.emit('requests.updated', request);
    return request;
  }

  summary(chatId: string): ChatSummary {
    const chat = this.chat(chatId);
    const contact = [...this.contacts.values()].find((c) => c.chatId === chatId);
    if (!contact) throw new Refusal('NOT_FOUND', 'no such chat');
    return {
      id: chatId,
      type: 'direct',
      title: contact.displayName,
      image: contact.image,
      ready: contact.status === 'active',
      lastItem: chat.items[chat.items.length - 1] ?? null,
      unreadCount: chat.unread,
      muted: chat.muted,
      updatedAt: chat.updatedAt,
    };
  }

  // ---- the contract ----

  readonly handlers: ChatHandlers = {
    'address.get': () => this.address,
    'address.create': ({ autoAccept }) => {
      if (this.address) throw new Refusal('CONFLICT', 'you have an address already');
      this.address = {
        link: 'simplex:/contact#/?v=2-7&smp=smp%3A%2F%2Ffake%40127.0.0.1%2Fq1',
        shortLink: null,
        autoAccept,
        createdAt: this.now(),
      };
      this.emit('address.updated', this.address);
      return this.address;
    },
    'address.delete': () => {
      this.address = null;
      this.emit('address.updated', null);
      return null;
    },
    'address.setAutoAccept': ({ autoAccept }) => {
      if (!this.address) throw new Refusal('NOT_FOUND', 'there is no address');
      this.address = { ...this.address, autoAccept };
      this.emit('address.updated', this.address);
      return this.address;
    },
    'invitation.create': () => {
      const id = this.nextId++;
      return {
        id,
        link: `simplex:/invitation#/?v=2-7&smp=smp%3A%2F%2Ffake%40127.0.0.1%2Fi${id}`,
        shortLink: null,
        createdAt: this.now(),
      };
    },
    connect: ({ link }) => {
      const shape = recognizeSimplexLink(link);
      if (!shape) throw new Refusal('INVALID', 'this is not a SimpleX link');
      const kind = shape.kind === 'invitation' ? 'invitation' : 'address';
      const contact = this.addContact('', { status: 'connecting', via: kind });
      this.emit('contacts.updated', contact);
      this.emit('chats.updated', this.summary(contact.chatId));
      return { kind, contact };
    },
    'requests.list': () => [...this.requests.values()],
    'requests.accept': ({ id }) => {
      const request = this.requests.get(id);
      if (!request) throw new Refusal('NOT_FOUND', 'no such request');
      this.requests.delete(id);
      this.emit('requests.removed', { id });
      const contact = this.addContact(request.displayName, {
        status: 'connecting',
        via: 'request',
        fullName: request.fullName,
      });
      this.emit('contacts.updated', contact);
      this.emit('chats.updated', this.summary(contact.chatId));
      return contact;
    },
    'requests.reject': ({ id }) => {
      if (!this.requests.delete(id)) throw new Refusal('NOT_FOUND', 'no such request');
      this.emit('requests.removed', { id });
      return null;
    },
    'contacts.list': () => [...this.contacts.values()],
    'contacts.get': ({ id }) => this.contact(id),
    'contacts.delete': ({ id }) => {
      const contact = this.contact(id);
      this.contacts.delete(id);
      this.chats.delete(contact.chatId);
      this.emit('contacts.removed', { id });
      this.emit('chats.removed', { id: contact.chatId });
      return null;
    },
    'chats.list': () => [...this.chats.keys()].map((id) => this.summary(id)),
    'chat.items': ({ chatId, before, limit }) => {
      const items = this.chat(chatId).items;
      const end = before === undefined ? items.length : items.findIndex((i) => i.id >= before);
      const stop = end < 0 ? items.length : end;
      const start = Math.max(0, stop - limit);
      return { items: items.slice(start, stop), hasMore: start > 0 };
    },
    'chat.send': ({ chatId, text }) => {
      if (!this.summary(chatId).ready)
        throw new Refusal('INVALID', 'the contact is not connected yet');
      const chat = this.chat(chatId);
      const item = this.item(chatId, 'snd', text, 'sending', this.now());
      chat.items.push(item);
      chat.updatedAt = item.sentAt;
      this.emit('chat.item.added', { chat: this.summary(chatId), item });
      return item;
    },
    'chat.item.update': ({ chatId, itemId, text }) =>
      this.change(chatId, itemId, (i) => ({ ...i, text, editedAt: this.now() })),
    'chat.item.delete': ({ chatId, itemId }) =>
      this.change(chatId, itemId, (i) => ({ ...i, text: '', deleted: true, reactions: [] })),
    'chat.item.react': ({ chatId, itemId, emoji, add }) =>
      this.change(chatId, itemId, (i) => {
        const others = i.reactions.filter((r) => r.emoji !== emoji);
        const current = i.reactions.find((r) => r.emoji === emoji);
        const count = (current?.count ?? 0) - (current?.mine ? 1 : 0) + (add ? 1 : 0);
        return {
          ...i,
          reactions: count > 0 ? [...others, { emoji, count, mine: add }] : others,
        };
      }),
    'chat.markRead': ({ chatId }) => {
      const chat = this.chat(chatId);
      chat.unread = 0;
      chat.items = chat.items.map((i) => (i.status === 'received' ? { ...i, status: 'read' } : i));
      const summary = this.summary(chatId);
      this.emit('chats.updated', summary);
      return summary;
    },
    'chat.setMuted': ({ chatId, muted }) => {
      this.chat(chatId).muted = muted;
      const summary = this.summary(chatId);
      this.emit('chats.updated', summary);
      return summary;
    },
    'servers.get': () => this.servers,
    'servers.set': ({ useEmbedded, custom }) => {
      this.servers = { ...this.servers, useEmbedded, custom };
      this.emit('servers.updated', this.servers);
      return this.servers;
    },
    'servers.test': ({ address }) => this.serverTests.get(address) ?? { ok: true, error: null },
  };

  // ---- internals ----

  private contact(id: number): ContactView {
    const contact = this.contacts.get(id);
    if (!contact) throw new Refusal('NOT_FOUND', 'no such contact');
    return contact;
  }

  private chat(chatId: string): ChatState {
    const chat = this.chats.get(chatId);
    if (!chat) throw new Refusal('NOT_FOUND', 'no such chat');
    return chat;
  }

  private item(
    chatId: string,
    direction: 'snd' | 'rcv',
    text: string,
    status: ItemStatus,
    sentAt: string,
  ): ChatItemView {
    return {
      id: this.nextItemId++,
      chatId,
      direction,
      text,
      contentType: 'text',
      sentAt,
      status,
      editedAt: null,
      deleted: false,
      reactions: [],
      error: null,
    };
  }

  private change(
    chatId: string,
    itemId: number,
    edit: (item: ChatItemView) => ChatItemView,
  ): ChatItemView {
    const chat = this.chat(chatId);
    const index = chat.items.findIndex((i) => i.id === itemId);
    const item = chat.items[index];
    if (!item) throw new Refusal('NOT_FOUND', 'no such message');
    const changed = edit(item);
    chat.items[index] = changed;
    this.emit('chat.item.updated', changed);
    return changed;
  }
}
