// SMP server settings: the embedded server or a custom list, each tested when added.
import type { EngineHandlers } from '../../../shared/ipc';
import type { ChatRuntime } from '../chat/runtime';

type ServerHandlers = Pick<EngineHandlers, 'servers.get' | 'servers.set' | 'servers.test'>;

export function serverHandlers(chat: ChatRuntime): ServerHandlers {
  return {
    'servers.get': () => chat.readServers(),
    'servers.set': (update) => chat.setServers(update),
    'servers.test': ({ address }) => chat.testServer(address),
  };
}
