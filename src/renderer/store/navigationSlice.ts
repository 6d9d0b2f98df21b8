import type { StateCreator } from 'zustand';
import { markChatOpened } from '../perf/marks';
import type { AppState, NavigationSlice } from './types';

/** A "saved" notice belongs to the page it was shown on; it must not greet the next one. */
const CLEAR_NOTICES = {
  profileSave: { status: 'idle' },
  settingsSave: { status: 'idle' },
} as const;

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  view: 'chats',
  openChatId: null,
  contactInfoOpen: false,
  newChat: null,

  navigate: (view) => set({ view, ...CLEAR_NOTICES }),
  openChat: (chatId) => {
    markChatOpened(chatId);
    set((s) => ({
      view: 'chats',
      openChatId: chatId,
      // The info pane follows the person from chat to chat only while they keep it open.
      contactInfoOpen: s.openChatId === chatId ? s.contactInfoOpen : false,
      ...CLEAR_NOTICES,
    }));
  },
  closeChat: () => set({ openChatId: null, contactInfoOpen: false }),
  setContactInfoOpen: (contactInfoOpen) => set({ contactInfoOpen }),
  openNewChat: (tab = 'link', link = '') => set({ newChat: { tab, link } }),
  closeNewChat: () => set({ newChat: null }),
});
