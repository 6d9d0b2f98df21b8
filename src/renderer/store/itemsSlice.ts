import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import type { ChatId, ChatItemView } from '../../shared/models/chats';
import { attempt } from './attempt';
import type { ItemsSlice } from './chatTypes';
import { describeError } from './errors';
import {
  LOADING_WINDOW,
  withItem,
  withNewestPage,
  withOlderPage,
  withUpdatedItem,
  type ItemsWindow,
} from './itemsWindow';
import type { AppState } from './types';

/** Items per page: a screenful or two, so the first render is quick and scrolling up is smooth. */
export const PAGE_SIZE = 50;

export const createItemsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ItemsSlice> =>
  (set, get) => {
    const update = (chatId: ChatId, change: (w: ItemsWindow) => ItemsWindow): void =>
      set((s) => {
        const window = s.chatItems[chatId];
        return window ? { chatItems: { ...s.chatItems, [chatId]: change(window) } } : {};
      });

    /** An item a command returned: the same as an event about it. */
    const apply = (item: ChatItemView): null => {
      update(item.chatId, (w) => withItem(w, item));
      return null;
    };

    return {
      chatItems: {},

      async loadNewestItems(chatId) {
        if (!get().chatItems[chatId]) {
          set((s) => ({ chatItems: { ...s.chatItems, [chatId]: LOADING_WINDOW } }));
        }
        try {
          const page = await api.call('chat.items', { chatId, limit: PAGE_SIZE });
          set((s) => ({
            chatItems: { ...s.chatItems, [chatId]: withNewestPage(s.chatItems[chatId], page) },
          }));
        } catch (e) {
          // A refresh that fails keeps what is shown; a first load says why it is empty.
          update(chatId, (w) =>
            w.status === 'ready' ? w : { ...w, status: 'error', error: describeError(e) },
          );
        }
      },

      async loadOlderItems(chatId) {
        const window = get().chatItems[chatId];
        const oldest = window?.items[0];
        if (!window || !oldest || !window.hasMore || window.loadingOlder) return;
        update(chatId, (w) => ({ ...w, loadingOlder: true, error: null }));
        try {
          const page = await api.call('chat.items', {
            chatId,
            before: oldest.id,
            limit: PAGE_SIZE,
          });
          update(chatId, (w) => withOlderPage(w, page));
        } catch (e) {
          update(chatId, (w) => ({ ...w, loadingOlder: false, error: describeError(e) }));
        }
      },

      itemAdded: ({ item }) => update(item.chatId, (w) => withItem(w, item)),
      itemUpdated: (item) => update(item.chatId, (w) => withUpdatedItem(w, item)),

      sendMessage: (chatId, text) =>
        attempt(async () => apply(await api.call('chat.send', { chatId, text }))),
      editItem: (chatId, itemId, text) =>
        attempt(async () => apply(await api.call('chat.item.update', { chatId, itemId, text }))),
      deleteItem: (chatId, itemId, forEveryone) =>
        attempt(async () =>
          apply(await api.call('chat.item.delete', { chatId, itemId, forEveryone })),
        ),
      reactToItem: (chatId, itemId, emoji, add) =>
        attempt(async () =>
          apply(await api.call('chat.item.react', { chatId, itemId, emoji, add })),
        ),
    };
  };
