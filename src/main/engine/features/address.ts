// Commands for the user's contact address.
import type { EngineHandlers } from '../../../shared/ipc';
import { createAddress, deleteAddress, readAddress, updateAutoAccept } from '../chat/address';
import type { ChatRuntime } from '../chat/runtime';

type AddressHandlers = Pick<
  EngineHandlers,
  'address.get' | 'address.create' | 'address.delete' | 'address.setAutoAccept'
>;

export function addressHandlers(chat: ChatRuntime): AddressHandlers {
  return {
    'address.get': () => readAddress(chat.context()),
    'address.create': ({ autoAccept }) => createAddress(chat.context(), autoAccept),
    'address.delete': async () => {
      await deleteAddress(chat.context());
      return null;
    },
    'address.setAutoAccept': ({ autoAccept }) => updateAutoAccept(chat.context(), autoAccept),
  };
}
