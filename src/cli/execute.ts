// Runs one parsed command through the engine contract: names are looked up in the engine's
// current lists (the same local names the terminal prints), then the contract command runs.
// Failures are CliFailures with the contract's error codes; nothing else escapes.
import {
  ContractError,
  type CommandOutput,
  type EngineCommandName,
  type ParsedInput,
} from '../shared/ipc';
import type { ChatItemView } from '../shared/models/chats';
import type {
  AddressView,
  ConnectResult,
  ContactRequestView,
  ContactView,
  InvitationView,
} from '../shared/models/contacts';
import type { ProfileView } from '../shared/models/profile';
import { callEngine, type EngineClient } from '../main/engine/host/client';
import { HELP, type Command, type HelpEntry } from './commands';
import { CliFailure } from './failure';
import { localNames, quoteName, type Named } from './names';

/** What a command answered. `name` (the local name the command resolved) is for the terminal. */
export type Response =
  | { readonly command: 'help'; readonly result: readonly HelpEntry[] }
  | { readonly command: 'quit'; readonly result: null }
  | { readonly command: 'profile.get'; readonly result: ProfileView | null }
  | { readonly command: 'profile.set'; readonly result: ProfileView; readonly created: boolean }
  | { readonly command: 'address.create'; readonly result: AddressView }
  | { readonly command: 'address.get'; readonly result: AddressView | null }
  | { readonly command: 'address.delete'; readonly result: null }
  | { readonly command: 'invitation.create'; readonly result: InvitationView }
  | { readonly command: 'connect'; readonly result: ConnectResult }
  | { readonly command: 'requests.accept'; readonly result: ContactView; readonly name: string }
  | {
      readonly command: 'requests.reject';
      readonly result: ContactRequestView;
      readonly name: string;
    }
  | { readonly command: 'contacts.list'; readonly result: readonly ContactView[] }
  | { readonly command: 'contacts.delete'; readonly result: ContactView; readonly name: string }
  | { readonly command: 'chat.send'; readonly result: ChatItemView; readonly name: string };

export async function execute(client: EngineClient, command: Command): Promise<Response> {
  try {
    return await run(client, command);
  } catch (e) {
    if (e instanceof CliFailure || e instanceof ContractError) {
      throw new CliFailure(e.code, e.message, command.kind);
    }
    throw e;
  }
}

async function run(client: EngineClient, command: Command): Promise<Response> {
  const call = <N extends EngineCommandName>(
    name: N,
    input: ParsedInput<N>,
  ): Promise<CommandOutput<N>> => callEngine(client, name, input);

  switch (command.kind) {
    case 'help':
      return { command: 'help', result: HELP };
    case 'quit':
      return { command: 'quit', result: null };
    case 'profile.get':
      return { command: 'profile.get', result: await call('profile.get', {}) };
    case 'profile.set': {
      const fullName = command.fullName !== undefined ? { fullName: command.fullName } : {};
      if (await call('profile.get', {})) {
        const result = await call('profile.update', {
          displayName: command.displayName,
          ...fullName,
        });
        return { command: 'profile.set', result, created: false };
      }
      const result = await call('profile.create', {
        displayName: command.displayName,
        fullName: command.fullName ?? '',
        image: null,
      });
      return { command: 'profile.set', result, created: true };
    }
    case 'address.create':
      return {
        command: 'address.create',
        result: await call('address.create', { autoAccept: false }),
      };
    case 'address.get':
      return { command: 'address.get', result: await call('address.get', {}) };
    case 'address.delete':
      return { command: 'address.delete', result: await call('address.delete', {}) };
    case 'invitation.create':
      return { command: 'invitation.create', result: await call('invitation.create', {}) };
    case 'connect':
      return { command: 'connect', result: await call('connect', { link: command.link }) };
    case 'requests.accept': {
      const [name, request] = find(await call('requests.list', {}), command.name, 'request');
      return {
        command: 'requests.accept',
        result: await call('requests.accept', { id: request.id }),
        name,
      };
    }
    case 'requests.reject': {
      const [name, request] = find(await call('requests.list', {}), command.name, 'request');
      await call('requests.reject', { id: request.id });
      return { command: 'requests.reject', result: request, name };
    }
    case 'contacts.list':
      return { command: 'contacts.list', result: await call('contacts.list', {}) };
    case 'contacts.delete': {
      const [name, contact] = find(await call('contacts.list', {}), command.name, 'contact');
      await call('contacts.delete', { id: contact.id });
      return { command: 'contacts.delete', result: contact, name };
    }
    case 'chat.send': {
      const [name, contact] = find(await call('contacts.list', {}), command.name, 'contact');
      const result = await call('chat.send', { chatId: contact.chatId, text: command.text });
      return { command: 'chat.send', result, name };
    }
  }
}

/** The item the user named, by its local name; NOT_FOUND says where to look instead. */
function find<T extends Named>(
  items: readonly T[],
  name: string,
  what: 'contact' | 'request',
): [string, T] {
  const found = localNames(items).get(name);
  if (found) return [name, found];
  const message =
    what === 'contact'
      ? `no contact named ${quoteName(name)}; /contacts lists them`
      : `no contact request from ${quoteName(name)}`;
  throw new CliFailure('NOT_FOUND', message);
}
