// Contacts: list, read, delete.
import type { EngineHandlers } from '../../../shared/ipc';
import { deleteContact, listContactViews, requireContact } from '../chat/contacts';
import type { ChatRuntime } from '../chat/runtime';
import { contactView } from '../chat/views';

type ContactHandlers = Pick<EngineHandlers, 'contacts.list' | 'contacts.get' | 'contacts.delete'>;

export function contactHandlers(chat: ChatRuntime): ContactHandlers {
  return {
    'contacts.list': () => listContactViews(chat.context()),
    'contacts.get': async ({ id }) => contactView(await requireContact(chat.context(), id)),
    'contacts.delete': async ({ id }) => {
      await deleteContact(chat.context(), id);
      return null;
    },
  };
}
