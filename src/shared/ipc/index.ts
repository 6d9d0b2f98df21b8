// The contract tables: every command and event the renderer and the engine exchange.
// Feature areas add their schemas under ../models and their entries here.
import { z } from 'zod';
import { command, noInput, type CommandSpec } from './contract';
import { NewProfile, ProfileUpdate, ProfileView } from '../models/profile';
import { Settings, SettingsUpdate } from '../models/settings';
import { AppInfo, EngineStatus } from '../models/engine';
import { ChatOpenRequest, OpenedLink } from '../models/app';
import {
  AddressView,
  ConnectResult,
  ConnectionLink,
  ContactId,
  ContactRequestView,
  ContactView,
  InvitationView,
} from '../models/contacts';
import {
  ChatId,
  ChatItemId,
  ChatItemView,
  ChatItemsPage,
  ChatItemsQuery,
  ChatSummary,
  MessageText,
  NewChatItemEvent,
} from '../models/chats';
import { ServerTestResult, ServersUpdate, ServersView, SmpServerAddress } from '../models/servers';

export * from './contract';

export const commands = {
  'app.info': command(noInput, AppInfo, 'app'),
  'engine.status': command(noInput, EngineStatus, 'app'),
  /** The renderer is subscribed to events: links buffered since start-up are delivered now. */
  'app.ready': command(noInput, z.null(), 'app'),
  'profile.get': command(noInput, ProfileView.nullable()),
  'profile.create': command(NewProfile, ProfileView),
  'profile.update': command(ProfileUpdate, ProfileView),
  'settings.get': command(noInput, Settings),
  'settings.update': command(SettingsUpdate, Settings),

  // Contacts: the user's address, one-time invitations, requests, connecting through a link.
  'address.get': command(noInput, AddressView.nullable()),
  'address.create': command(
    z.strictObject({ autoAccept: z.boolean().default(false) }),
    AddressView,
  ),
  'address.delete': command(noInput, z.null()),
  'address.setAutoAccept': command(z.strictObject({ autoAccept: z.boolean() }), AddressView),
  'invitation.create': command(noInput, InvitationView),
  connect: command(z.strictObject({ link: ConnectionLink }), ConnectResult),
  'requests.list': command(noInput, z.array(ContactRequestView)),
  'requests.accept': command(z.strictObject({ id: z.number().int().positive() }), ContactView),
  'requests.reject': command(z.strictObject({ id: z.number().int().positive() }), z.null()),
  'contacts.list': command(noInput, z.array(ContactView)),
  'contacts.get': command(z.strictObject({ id: ContactId }), ContactView),
  'contacts.delete': command(z.strictObject({ id: ContactId }), z.null()),

  // Chats and their items.
  'chats.list': command(noInput, z.array(ChatSummary)),
  'chat.items': command(ChatItemsQuery, ChatItemsPage),
  'chat.send': command(z.strictObject({ chatId: ChatId, text: MessageText }), ChatItemView),
  'chat.item.update': command(
    z.strictObject({ chatId: ChatId, itemId: ChatItemId, text: MessageText }),
    ChatItemView,
  ),
  'chat.item.delete': command(
    z.strictObject({ chatId: ChatId, itemId: ChatItemId, forEveryone: z.boolean() }),
    ChatItemView,
  ),
  'chat.item.react': command(
    z.strictObject({
      chatId: ChatId,
      itemId: ChatItemId,
      emoji: z.string().min(1).max(16),
      add: z.boolean(),
    }),
    ChatItemView,
  ),
  'chat.markRead': command(z.strictObject({ chatId: ChatId }), ChatSummary),
  'chat.setMuted': command(z.strictObject({ chatId: ChatId, muted: z.boolean() }), ChatSummary),
  /** Which chat the window shows (null: none), for the notifier's policy. */
  'app.chat.focused': command(z.strictObject({ chatId: ChatId.nullable() }), z.null(), 'app'),

  // SMP servers for new queues.
  'servers.get': command(noInput, ServersView),
  'servers.set': command(ServersUpdate, ServersView),
  'servers.test': command(z.strictObject({ address: SmpServerAddress }), ServerTestResult),
} as const satisfies Record<string, CommandSpec>;

export const events = {
  'engine.status': EngineStatus,
  'profile.updated': ProfileView,
  'settings.updated': Settings,
  /** A SimpleX link the OS or a second start handed over (sent after 'app.ready'). */
  'app.link.opened': OpenedLink,
  /** Show this chat (a notification was clicked). */
  'app.chat.open': ChatOpenRequest,

  'address.updated': AddressView.nullable(),
  'requests.updated': ContactRequestView,
  'requests.removed': z.object({ id: z.number().int().positive() }),
  'contacts.updated': ContactView,
  'contacts.removed': z.object({ id: ContactId }),
  'chats.updated': ChatSummary,
  'chats.removed': z.object({ id: ChatId }),
  /** A new item in a chat (sent or received); the notifier decides on received ones. */
  'chat.item.added': NewChatItemEvent,
  'chat.item.updated': ChatItemView,
  'servers.updated': ServersView,
} as const satisfies Record<string, z.ZodType>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** The input after parsing (defaults applied): what handlers receive. */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type EngineCommandName = {
  [N in CommandName]: Commands[N]['handler'] extends 'engine' ? N : never;
}[CommandName];

/** What the engine implements: one async function per engine command. */
export type EngineHandlers = {
  [N in EngineCommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>>;
};

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];
