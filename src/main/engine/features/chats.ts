// Chats and their items: list, page, send, edit, delete, react, read, mute.
import type { EngineHandlers } from '../../../shared/ipc';
import { requireUser } from '../chat/context';
import {
  deleteItem,
  editText,
  listItems,
  markRead,
  react,
  sendText,
  setMuted,
} from '../chat/messages';
import { listChatSummaries } from '../chat/read';
import type { ChatRuntime } from '../chat/runtime';

type ChatHandlers = Pick<
  EngineHandlers,
  | 'chats.list'
  | 'chat.items'
  | 'chat.send'
  | 'chat.item.update'
  | 'chat.item.delete'
  | 'chat.item.react'
  | 'chat.markRead'
  | 'chat.setMuted'
>;

export function chatHandlers(chat: ChatRuntime): ChatHandlers {
  return {
    'chats.list': async () => {
      const { db } = chat.context();
      return listChatSummaries(db, (await requireUser(db)).id);
    },
    'chat.items': ({ chatId, before, limit }) => listItems(chat.context(), chatId, before, limit),
    'chat.send': ({ chatId, text }) => sendText(chat.context(), chatId, text),
    'chat.item.update': ({ chatId, itemId, text }) =>
      editText(chat.context(), chatId, itemId, text),
    'chat.item.delete': ({ chatId, itemId, forEveryone }) =>
      deleteItem(chat.context(), chatId, itemId, forEveryone),
    'chat.item.react': ({ chatId, itemId, emoji, add }) =>
      react(chat.context(), chatId, itemId, emoji, add),
    'chat.markRead': ({ chatId }) => markRead(chat.context(), chatId),
    'chat.setMuted': ({ chatId, muted }) => setMuted(chat.context(), chatId, muted),
  };
}
