// Chats: one row per conversation, with the counters the chat list shows.
import { z } from 'zod';
import type { Executor, Row, Transaction } from '../../../../node/sqlite';
import { parseRow } from '../../store/rows';

const ChatRow = z.object({
  chat_id: z.number().int().positive(),
  user_profile_id: z.number().int().positive(),
  chat_type: z.enum(['direct', 'group']),
  contact_id: z.number().int().positive().nullable(),
  unread_count: z.number().int().nonnegative(),
  muted: z.union([z.literal(0), z.literal(1)]),
  last_item_id: z.number().int().positive().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export interface Chat {
  readonly id: number;
  readonly userProfileId: number;
  readonly type: 'direct' | 'group';
  readonly contactId: number | null;
  readonly unreadCount: number;
  readonly muted: boolean;
  readonly lastItemId: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const COLUMNS = `chat_id, user_profile_id, chat_type, contact_id, unread_count, muted, last_item_id,
  created_at, updated_at`;

function toChat(row: Row): Chat {
  const r = parseRow(ChatRow, row, 'chats');
  return {
    id: r.chat_id,
    userProfileId: r.user_profile_id,
    type: r.chat_type,
    contactId: r.contact_id,
    unreadCount: r.unread_count,
    muted: r.muted === 1,
    lastItemId: r.last_item_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertDirectChat(
  tx: Transaction,
  userProfileId: number,
  contactId: number,
  now: string,
): Promise<number> {
  const { lastId } = await tx.run(
    `INSERT INTO chats (user_profile_id, chat_type, contact_id, created_at, updated_at)
     VALUES (?, 'direct', ?, ?, ?)`,
    [userProfileId, contactId, now, now],
  );
  return lastId;
}

export async function getChat(q: Executor, chatId: number): Promise<Chat | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM chats WHERE chat_id = ?`, [chatId]);
  return row ? toChat(row) : null;
}

export async function chatOfContact(q: Executor, contactId: number): Promise<Chat | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM chats WHERE contact_id = ?`, [contactId]);
  return row ? toChat(row) : null;
}

/** The chat list order: most recently updated first (served by the chats_order index). */
export async function chatIdsInOrder(q: Executor, userProfileId: number): Promise<number[]> {
  const rows = await q.all(
    'SELECT chat_id FROM chats WHERE user_profile_id = ? ORDER BY updated_at DESC, chat_id DESC',
    [userProfileId],
  );
  return rows.map((r) => parseRow(ChatRow.pick({ chat_id: true }), r, 'chats').chat_id);
}

export async function touchChat(tx: Transaction, chatId: number, now: string): Promise<void> {
  await tx.run('UPDATE chats SET updated_at = ? WHERE chat_id = ?', [now, chatId]);
}

/** Marks every unread item read; returns how many were unread. */
export async function markChatRead(tx: Transaction, chatId: number): Promise<number> {
  const { changes } = await tx.run(
    "UPDATE chat_items SET status = 'read' WHERE chat_id = ? AND status = 'received'",
    [chatId],
  );
  await tx.run('UPDATE chats SET unread_count = 0 WHERE chat_id = ?', [chatId]);
  return changes;
}

/** One unread item less (it was read or deleted on its own). */
export async function decrementUnread(tx: Transaction, chatId: number): Promise<void> {
  await tx.run('UPDATE chats SET unread_count = max(unread_count - 1, 0) WHERE chat_id = ?', [
    chatId,
  ]);
}

export async function setChatMuted(tx: Transaction, chatId: number, muted: boolean): Promise<void> {
  await tx.run('UPDATE chats SET muted = ? WHERE chat_id = ?', [muted ? 1 : 0, chatId]);
}

/**
 * Moves every item of `fromChat` into `toChat` (a merged duplicate contact) and recomputes the
 * counters of `toChat`. An item already present in `toChat` (same shared message id) stays
 * behind and goes with `fromChat`.
 */
export async function moveChatItems(
  tx: Transaction,
  fromChat: number,
  toChat: number,
  now: string,
): Promise<void> {
  await tx.run('UPDATE OR IGNORE chat_items SET chat_id = ? WHERE chat_id = ?', [toChat, fromChat]);
  await tx.run(
    `UPDATE chats SET
       last_item_id = (SELECT max(item_id) FROM chat_items WHERE chat_id = ?1),
       unread_count = (SELECT count(*) FROM chat_items WHERE chat_id = ?1 AND status = 'received'),
       updated_at = ?2
     WHERE chat_id = ?1`,
    [toChat, now],
  );
}

export async function deleteChatRow(tx: Transaction, chatId: number): Promise<void> {
  await tx.run('DELETE FROM chats WHERE chat_id = ?', [chatId]);
}
