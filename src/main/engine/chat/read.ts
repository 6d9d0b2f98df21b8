// Reading views for commands and events: chat summaries, item pages and single items. Every
// list is paged or bounded in SQL; nothing reads a whole history.
import type { Executor } from '../../../node/sqlite';
import type {
  ChatId,
  ChatItemView,
  ChatItemsPage,
  ChatSummary,
} from '../../../shared/models/chats';
import { directChatId } from './ids';
import { chatIdsInOrder, getChat, type Chat } from './store/chats';
import { getContact } from './store/contacts';
import { getItem, pageItems, type Item } from './store/items';
import { reactionCounts } from './store/reactions';
import { directChatSummary, itemView } from './views';

/** The contract id of a stored chat (direct chats only, until groups arrive). */
function contractChatId(chat: Chat): ChatId | null {
  return chat.type === 'direct' && chat.contactId !== null ? directChatId(chat.contactId) : null;
}

export async function itemViews(
  q: Executor,
  chatId: ChatId,
  items: readonly Item[],
): Promise<ChatItemView[]> {
  const reactions = await reactionCounts(
    q,
    items.map((i) => i.id),
  );
  return items.map((i) => itemView(i, chatId, reactions));
}

export async function readItemView(q: Executor, itemId: number): Promise<ChatItemView | null> {
  const item = await getItem(q, itemId);
  if (!item) return null;
  const chat = await getChat(q, item.chatId);
  const chatId = chat && contractChatId(chat);
  if (!chatId) return null;
  const [view] = await itemViews(q, chatId, [item]);
  return view ?? null;
}

export async function readChatSummary(q: Executor, chatRowId: number): Promise<ChatSummary | null> {
  const chat = await getChat(q, chatRowId);
  if (chat?.type !== 'direct' || chat.contactId === null) return null;
  const contact = await getContact(q, chat.contactId);
  if (!contact || contact.status === 'merged') return null;
  const lastItem = chat.lastItemId === null ? null : await readItemView(q, chat.lastItemId);
  return directChatSummary(chat, contact, lastItem);
}

export async function listChatSummaries(
  q: Executor,
  userProfileId: number,
): Promise<ChatSummary[]> {
  const summaries: ChatSummary[] = [];
  for (const id of await chatIdsInOrder(q, userProfileId)) {
    const summary = await readChatSummary(q, id);
    if (summary) summaries.push(summary);
  }
  return summaries;
}

export async function readItemsPage(
  q: Executor,
  chatRowId: number,
  chatId: ChatId,
  before: number | undefined,
  limit: number,
): Promise<ChatItemsPage> {
  const page = await pageItems(q, chatRowId, before, limit);
  return { items: await itemViews(q, chatId, page.items), hasMore: page.hasMore };
}
