// The state of chats, contacts and connecting, one slice per concern (see ./types.ts for AppState).
import type {
  ChatId,
  ChatItemView,
  ChatSummary,
  NewChatItemEvent,
} from '../../shared/models/chats';
import type {
  AddressView,
  ConnectResult,
  ContactRequestView,
  ContactView,
  InvitationView,
} from '../../shared/models/contacts';
import type { ServerTestResult, ServersUpdate, ServersView } from '../../shared/models/servers';
import type { ActionResult } from './attempt';
import type { ItemsWindow } from './itemsWindow';
import type { LoadState } from './types';

export interface ChatsSlice {
  /** Most recently active first. */
  chats: readonly ChatSummary[];
  chatsLoad: LoadState;
  loadChats: () => Promise<void>;
  /** A summary from an event or a command: replaces the chat's, and keeps the order. */
  chatReceived: (chat: ChatSummary) => void;
  chatRemoved: (chatId: ChatId) => void;
  /** Tells the engine the chat has been read; one call at a time per chat. */
  markChatRead: (chatId: ChatId) => Promise<void>;
  setChatMuted: (chatId: ChatId, muted: boolean) => Promise<ActionResult>;
}

export interface ItemsSlice {
  /** The loaded history of each chat opened so far. */
  chatItems: Readonly<Partial<Record<ChatId, ItemsWindow>>>;
  /** Reads the newest page (first open, or a refresh after a reconnect). */
  loadNewestItems: (chatId: ChatId) => Promise<void>;
  /** Reads the page before the oldest loaded item; does nothing while one is on its way. */
  loadOlderItems: (chatId: ChatId) => Promise<void>;
  itemAdded: (event: NewChatItemEvent) => void;
  itemUpdated: (item: ChatItemView) => void;
  sendMessage: (chatId: ChatId, text: string) => Promise<ActionResult>;
  editItem: (chatId: ChatId, itemId: number, text: string) => Promise<ActionResult>;
  deleteItem: (chatId: ChatId, itemId: number, forEveryone: boolean) => Promise<ActionResult>;
  reactToItem: (
    chatId: ChatId,
    itemId: number,
    emoji: string,
    add: boolean,
  ) => Promise<ActionResult>;
}

export interface ContactsSlice {
  contacts: Readonly<Record<number, ContactView>>;
  contactsLoad: LoadState;
  loadContacts: () => Promise<void>;
  contactReceived: (contact: ContactView) => void;
  contactRemoved: (id: number) => void;
  deleteContact: (id: number) => Promise<ActionResult>;
}

export interface RequestsSlice {
  /** Oldest first, as they arrived. */
  requests: readonly ContactRequestView[];
  loadRequests: () => Promise<void>;
  requestReceived: (request: ContactRequestView) => void;
  requestRemoved: (id: number) => void;
  acceptRequest: (id: number) => Promise<ActionResult<ContactView>>;
  rejectRequest: (id: number) => Promise<ActionResult>;
}

export interface AddressSlice {
  address: AddressView | null;
  addressLoad: LoadState;
  loadAddress: () => Promise<void>;
  addressReceived: (address: AddressView | null) => void;
  createAddress: () => Promise<ActionResult>;
  deleteAddress: () => Promise<ActionResult>;
  setAutoAccept: (autoAccept: boolean) => Promise<ActionResult>;
}

export interface ConnectSlice {
  /** The one-time invitation made in this session, until it is used or replaced. */
  invitation: InvitationView | null;
  createInvitation: () => Promise<ActionResult>;
  connect: (link: string) => Promise<ActionResult<ConnectResult>>;
}

export interface ServersSlice {
  servers: ServersView | null;
  serversLoad: LoadState;
  loadServers: () => Promise<void>;
  serversReceived: (servers: ServersView) => void;
  saveServers: (update: ServersUpdate) => Promise<ActionResult>;
  testServer: (address: string) => Promise<ActionResult<ServerTestResult>>;
}
