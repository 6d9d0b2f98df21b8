import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import type { ChatId, ChatSummary } from '../../shared/models/chats';
import { attempt } from './attempt';
import type { ChatsSlice } from './chatTypes';
import { describeError } from './errors';
import type { AppState } from './types';

/** Most recently active first; ties keep a stable order by id. */
export function sortChats(chats: readonly ChatSummary[]): ChatSummary[] {
  return [...chats].sort(
    (a, b) =>
      Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function withChat(chats: readonly ChatSummary[], chat: ChatSummary): ChatSummary[] {
  return sortChats([...chats.filter((c) => c.id !== chat.id), chat]);
}

export const createChatsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ChatsSlice> =>
  (set, get) => {
    // Marking read is asked for on every render that shows unread items; one call is enough.
    const reading = new Set<ChatId>();

    return {
      chats: [],
      chatsLoad: { status: 'idle' },

      async loadChats() {
        const refreshing = get().chatsLoad.status === 'ready';
        if (!refreshing) set({ chatsLoad: { status: 'loading' } });
        try {
          const chats = await api.call('chats.list', {});
          set({ chats: sortChats(chats), chatsLoad: { status: 'ready' } });
        } catch (e) {
          if (!refreshing) set({ chatsLoad: { status: 'error', message: describeError(e) } });
        }
      },

      chatReceived: (chat) => set((s) => ({ chats: withChat(s.chats, chat) })),

      chatRemoved: (chatId) =>
        set((s) => {
          const { [chatId]: _gone, ...chatItems } = s.chatItems;
          const wasOpen = s.openChatId === chatId;
          return {
            chats: s.chats.filter((c) => c.id !== chatId),
            chatItems,
            ...(wasOpen && { openChatId: null, contactInfoOpen: false }),
          };
        }),

      async markChatRead(chatId) {
        if (reading.has(chatId)) return;
        reading.add(chatId);
        try {
          get().chatReceived(await api.call('chat.markRead', { chatId }));
        } catch {
          // The badge stays until the next try (the next render that shows the chat).
        } finally {
          reading.delete(chatId);
        }
      },

      setChatMuted: (chatId, muted) =>
        attempt(async () => {
          get().chatReceived(await api.call('chat.setMuted', { chatId, muted }));
          return null;
        }),
    };
  };
