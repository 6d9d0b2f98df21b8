// The user's side of a chat: reading pages, sending, editing, deleting, reacting, marking read
// and muting. A sent item is stored (sending) before the agent gets it and its delivery row is
// written in the connection's queue, so the agent's `sent`, `delivered` and `messageError`
// events (./delivery.ts) always find it.
import { ContractError } from '../../../shared/ipc';
import {
  ALLOWED_REACTIONS,
  type ChatId,
  type ChatItemView,
  type ChatItemsPage,
  type ChatSummary,
} from '../../../shared/models/chats';
import type { ChatMessage, MsgContent } from '../../../protocol/chat';
import { requireContact } from './contacts';
import type { ChatContext } from './context';
import { notFound, toContractError } from './errors';
import { Changes, publish } from './events';
import { newSharedMsgId, parseChatId } from './ids';
import { storedContent } from './incoming';
import { readChatSummary, readItemView, readItemsPage } from './read';
import { encodeOutgoing, outgoing, sendChatMessage } from './send';
import {
  chatOfContact,
  decrementUnread,
  markChatRead,
  setChatMuted,
  type Chat,
} from './store/chats';
import type { Contact } from './store/contacts';
import { insertDelivery } from './store/deliveries';
import {
  getItem,
  insertItem,
  markItemDeleted,
  setItemStatus,
  updateItemContent,
  type Item,
} from './store/items';
import { addReaction, hasReaction, removeReaction } from './store/reactions';
import { contactReady } from './views';

interface DirectChat {
  readonly chatId: ChatId;
  readonly contact: Contact;
  readonly chat: Chat;
}

async function requireChat(ctx: ChatContext, chatId: ChatId): Promise<DirectChat> {
  const ref = parseChatId(chatId);
  if (ref.type !== 'direct') throw notFound('this chat');
  const contact = await requireContact(ctx, ref.contactId);
  const chat = await chatOfContact(ctx.db, contact.id);
  if (!chat) throw notFound('this chat');
  return { chatId, contact, chat };
}

/** The connection to send on, or CONFLICT while the contact cannot receive. */
function readyConn(contact: Contact): string {
  if (!contactReady(contact) || contact.connId === null) {
    throw new ContractError('CONFLICT', notReadyReason(contact));
  }
  return contact.connId;
}

function notReadyReason(contact: Contact): string {
  if (contact.status === 'deleted') return 'this contact deleted the chat';
  if (contact.connError !== null) return 'the connection with this contact could not be made';
  return 'the contact is not connected yet';
}

async function requireItem(ctx: ChatContext, chat: DirectChat, itemId: number): Promise<Item> {
  const item = await getItem(ctx.db, itemId);
  if (!item || item.chatId !== chat.chat.id) throw notFound('this message');
  return item;
}

async function itemView(ctx: ChatContext, itemId: number): Promise<ChatItemView> {
  const view = await readItemView(ctx.db, itemId);
  if (!view) throw notFound('this message');
  return view;
}

export async function listItems(
  ctx: ChatContext,
  chatId: ChatId,
  before: number | undefined,
  limit: number,
): Promise<ChatItemsPage> {
  const chat = await requireChat(ctx, chatId);
  return readItemsPage(ctx.db, chat.chat.id, chatId, before, limit);
}

export async function sendText(
  ctx: ChatContext,
  chatId: ChatId,
  text: string,
): Promise<ChatItemView> {
  const chat = await requireChat(ctx, chatId);
  const connId = readyConn(chat.contact);
  const content: MsgContent = { type: 'text', text };
  const msgId = newSharedMsgId();
  // Refused before anything is stored when it is too large.
  const body = encodeOutgoing(outgoing({ event: 'x.msg.new', params: { content } }, msgId));
  const itemId = await ctx.serial.run(connId, async () => {
    const id = await ctx.db.transaction(async (tx) => {
      const inserted = await insertItem(
        tx,
        {
          chatId: chat.chat.id,
          direction: 'snd',
          sharedMsgId: msgId,
          ...storedContent(content),
          sentAt: ctx.now(),
          status: 'sending',
        },
        ctx.now(),
      );
      if (inserted === null) throw new Error('a new shared message id collided');
      return inserted;
    });
    try {
      const agentMsgId = await ctx.agent().sendMessage(connId, body);
      await ctx.db.transaction((tx) => insertDelivery(tx, connId, agentMsgId, id));
    } catch (e) {
      const failure = toContractError(e);
      const reason =
        failure instanceof ContractError ? failure.message : 'the message could not be sent';
      await ctx.db.transaction((tx) => setItemStatus(tx, id, 'error', reason));
    }
    return id;
  });
  const changes = new Changes();
  changes.addedItems.push(itemId);
  await publish(ctx.db, ctx.events, changes);
  return itemView(ctx, itemId);
}

export async function editText(
  ctx: ChatContext,
  chatId: ChatId,
  itemId: number,
  text: string,
): Promise<ChatItemView> {
  const chat = await requireChat(ctx, chatId);
  const item = await requireItem(ctx, chat, itemId);
  if (item.direction !== 'snd' || item.sharedMsgId === null) {
    throw new ContractError('INVALID', 'only your own messages can be edited');
  }
  if (item.deleted) throw new ContractError('INVALID', 'a deleted message cannot be edited');
  const connId = readyConn(chat.contact);
  const content: MsgContent = { type: 'text', text };
  await send(
    ctx,
    connId,
    outgoing({ event: 'x.msg.update', params: { msgId: item.sharedMsgId, content } }),
  );
  await ctx.db.transaction((tx) =>
    updateItemContent(tx, item.id, storedContent(content), ctx.now()),
  );
  return announceItem(ctx, item.id, chat, false);
}

export async function deleteItem(
  ctx: ChatContext,
  chatId: ChatId,
  itemId: number,
  forEveryone: boolean,
): Promise<ChatItemView> {
  const chat = await requireChat(ctx, chatId);
  const item = await requireItem(ctx, chat, itemId);
  if (item.deleted) return itemView(ctx, item.id);
  if (forEveryone) {
    if (item.direction !== 'snd' || item.sharedMsgId === null) {
      throw new ContractError('INVALID', 'only your own messages can be deleted for everyone');
    }
    const connId = readyConn(chat.contact);
    await send(ctx, connId, outgoing({ event: 'x.msg.del', params: { msgId: item.sharedMsgId } }));
  }
  await ctx.db.transaction(async (tx) => {
    await markItemDeleted(tx, item.id);
    if (item.status === 'received') await decrementUnread(tx, chat.chat.id);
  });
  return announceItem(ctx, item.id, chat, true);
}

export async function react(
  ctx: ChatContext,
  chatId: ChatId,
  itemId: number,
  emoji: string,
  add: boolean,
): Promise<ChatItemView> {
  const known = ALLOWED_REACTIONS.find((e) => e === emoji);
  if (!known) throw new ContractError('INVALID', 'this reaction is not available');
  const chat = await requireChat(ctx, chatId);
  const item = await requireItem(ctx, chat, itemId);
  if (item.deleted || item.sharedMsgId === null) {
    throw new ContractError('INVALID', 'this message cannot be reacted to');
  }
  const self = { kind: 'self' } as const;
  if ((await hasReaction(ctx.db, item.id, self, known)) === add) return itemView(ctx, item.id);
  const connId = readyConn(chat.contact);
  const reaction = { type: 'emoji', emoji: known } as const;
  await send(
    ctx,
    connId,
    outgoing({ event: 'x.msg.react', params: { msgId: item.sharedMsgId, reaction, add } }),
  );
  await ctx.db.transaction((tx) =>
    add
      ? addReaction(tx, item.id, self, known, JSON.stringify(reaction), ctx.now())
      : removeReaction(tx, item.id, self, known),
  );
  return announceItem(ctx, item.id, chat, false);
}

export async function markRead(ctx: ChatContext, chatId: ChatId): Promise<ChatSummary> {
  const chat = await requireChat(ctx, chatId);
  await ctx.db.transaction((tx) => markChatRead(tx, chat.chat.id));
  return announceChat(ctx, chat);
}

export async function setMuted(
  ctx: ChatContext,
  chatId: ChatId,
  muted: boolean,
): Promise<ChatSummary> {
  const chat = await requireChat(ctx, chatId);
  await ctx.db.transaction((tx) => setChatMuted(tx, chat.chat.id, muted));
  return announceChat(ctx, chat);
}

/** Edits, deletions and reactions are not tracked for delivery: the agent retries them. */
async function send(ctx: ChatContext, connId: string, message: ChatMessage): Promise<void> {
  try {
    await ctx.serial.run(connId, () => sendChatMessage(ctx, connId, message));
  } catch (e) {
    throw toContractError(e);
  }
}

async function announceItem(
  ctx: ChatContext,
  itemId: number,
  chat: DirectChat,
  chatChanged: boolean,
): Promise<ChatItemView> {
  const changes = new Changes();
  changes.updatedItems.add(itemId);
  if (chatChanged) changes.chats.add(chat.chat.id);
  await publish(ctx.db, ctx.events, changes);
  return itemView(ctx, itemId);
}

async function announceChat(ctx: ChatContext, chat: DirectChat): Promise<ChatSummary> {
  const changes = new Changes();
  changes.chats.add(chat.chat.id);
  await publish(ctx.db, ctx.events, changes);
  const summary = await readChatSummary(ctx.db, chat.chat.id);
  if (!summary) throw notFound('this chat');
  return summary;
}
