import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import type { ContactView } from '../../shared/models/contacts';
import { attempt } from './attempt';
import type { ContactsSlice } from './chatTypes';
import { describeError } from './errors';
import type { AppState } from './types';

export const createContactsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ContactsSlice> =>
  (set, get) => ({
    contacts: {},
    contactsLoad: { status: 'idle' },

    async loadContacts() {
      const refreshing = get().contactsLoad.status === 'ready';
      if (!refreshing) set({ contactsLoad: { status: 'loading' } });
      try {
        const list = await api.call('contacts.list', {});
        const contacts: Record<number, ContactView> = {};
        for (const contact of list) contacts[contact.id] = contact;
        set({ contacts, contactsLoad: { status: 'ready' } });
      } catch (e) {
        if (!refreshing) set({ contactsLoad: { status: 'error', message: describeError(e) } });
      }
    },

    contactReceived: (contact) =>
      set((s) => ({ contacts: { ...s.contacts, [contact.id]: contact } })),

    contactRemoved: (id) =>
      set((s) => {
        const { [id]: _gone, ...contacts } = s.contacts;
        return { contacts };
      }),

    deleteContact: (id) =>
      attempt(async () => {
        const chatId = get().contacts[id]?.chatId;
        await api.call('contacts.delete', { id });
        // The engine also sends the removals; applying them now closes the chat at once.
        get().contactRemoved(id);
        if (chatId) get().chatRemoved(chatId);
        return null;
      }),
  });

/** The contact a direct chat is with. */
export function contactOfChat(
  contacts: Readonly<Record<number, ContactView>>,
  chatId: string,
): ContactView | undefined {
  return Object.values(contacts).find((c) => c.chatId === chatId);
}
