// The contract tables: every command and event the renderer and the engine exchange.
// Feature areas add their schemas under ../models and their entries here.
import { z } from 'zod';
import { command, noInput, type CommandSpec } from './contract';
import { NewProfile, ProfileUpdate, ProfileView } from '../models/profile';
import { Settings, SettingsUpdate } from '../models/settings';
import { AppInfo, EngineStatus } from '../models/engine';
import { ChatOpenRequest, OpenedLink } from '../models/app';

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
} as const satisfies Record<string, CommandSpec>;

export const events = {
  'engine.status': EngineStatus,
  'profile.updated': ProfileView,
  'settings.updated': Settings,
  /** A SimpleX link the OS or a second start handed over (sent after 'app.ready'). */
  'app.link.opened': OpenedLink,
  /** Show this chat (a notification was clicked). */
  'app.chat.open': ChatOpenRequest,
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
