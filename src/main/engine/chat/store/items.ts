// Chat items: insert with dedup, lookups by shared message id, pages, edits and deletions.
import { z } from 'zod';
import type { Executor, Row, Transaction } from '../../../../node/sqlite';
import type { ItemStatus } from '../../../../shared/models/chats';
import { parseRow } from '../../store/rows';

export type Direction = 'snd' | 'rcv';

const blob = z.instanceof(Buffer).transform((b) => new Uint8Array(b));

const ItemRow = z.object({
  item_id: z.number().int().positive(),
  chat_id: z.number().int().positive(),
  direction: z.enum(['snd', 'rcv']),
  shared_msg_id: blob.nullable(),
  content_type: z.string(),
  content_json: z.string(),
  text: z.string(),
  sent_at: z.string(),
  created_at: z.string(),
  status: z.enum(['sending', 'sent', 'delivered', 'error', 'received', 'read']),
  edited_at: z.string().nullable(),
  deleted: z.union([z.literal(0), z.literal(1)]),
  error: z.string().nullable(),
});

export interface Item {
  readonly id: number;
  readonly chatId: number;
  readonly direction: Direction;
  readonly sharedMsgId: Uint8Array | null;
  readonly contentType: string;
  readonly contentJson: string;
  readonly text: string;
  readonly sentAt: string;
  readonly createdAt: string;
  readonly status: ItemStatus;
  readonly editedAt: string | null;
  readonly deleted: boolean;
  readonly error: string | null;
}

const COLUMNS = `item_id, chat_id, direction, shared_msg_id, content_type, content_json, text,
  sent_at, created_at, status, edited_at, deleted, error`;

export function toItem(row: Row): Item {
  const r = parseRow(ItemRow, row, 'chat_items');
  return {
    id: r.item_id,
    chatId: r.chat_id,
    direction: r.direction,
    sharedMsgId: r.shared_msg_id,
    contentType: r.content_type,
    contentJson: r.content_json,
    text: r.text,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    status: r.status,
    editedAt: r.edited_at,
    deleted: r.deleted === 1,
    error: r.error,
  };
}

/** What the sender or the receive path knows of an item; the store assigns the rest. */
export type NewItem = Pick<
  Item,
  | 'chatId'
  | 'direction'
  | 'sharedMsgId'
  | 'contentType'
  | 'contentJson'
  | 'text'
  | 'sentAt'
  | 'status'
>;

/**
 * Inserts an item; null when the same message is stored already (a redelivery). The chat's last
 * item, order and unread count follow by a trigger (migration 0008).
 */
export async function insertItem(
  tx: Transaction,
  item: NewItem,
  now: string,
): Promise<number | null> {
  const { changes, lastId } = await tx.run(
    `INSERT INTO chat_items (chat_id, direction, shared_msg_id, content_type, content_json, text,
       sent_at, created_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
    [
      item.chatId,
      item.direction,
      item.sharedMsgId,
      item.contentType,
      item.contentJson,
      item.text,
      item.sentAt,
      now,
      item.status,
    ],
  );
  return changes === 1 ? lastId : null;
}

export async function getItem(q: Executor, itemId: number): Promise<Item | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM chat_items WHERE item_id = ?`, [itemId]);
  return row ? toItem(row) : null;
}

/**
 * The item with this shared message id in a chat. A direct chat has one author per direction,
 * so `direction` names the author; without it, either direction (reactions name any item).
 */
export async function itemBySharedMsgId(
  q: Executor,
  chatId: number,
  sharedMsgId: Uint8Array,
  direction?: Direction,
): Promise<Item | null> {
  const row = direction
    ? await q.get(
        `SELECT ${COLUMNS} FROM chat_items
         WHERE chat_id = ? AND shared_msg_id = ? AND direction = ? AND author_member_id IS NULL`,
        [chatId, sharedMsgId, direction],
      )
    : await q.get(
        `SELECT ${COLUMNS} FROM chat_items
         WHERE chat_id = ? AND shared_msg_id = ? AND author_member_id IS NULL
         ORDER BY item_id LIMIT 1`,
        [chatId, sharedMsgId],
      );
  return row ? toItem(row) : null;
}

/** Up to `limit` items before `before` (or the newest), oldest first, and whether more exist. */
export async function pageItems(
  q: Executor,
  chatId: number,
  before: number | undefined,
  limit: number,
): Promise<{ items: Item[]; hasMore: boolean }> {
  const rows = await q.all(
    `SELECT ${COLUMNS} FROM chat_items WHERE chat_id = ? AND item_id < ?
     ORDER BY item_id DESC LIMIT ?`,
    [chatId, before ?? Number.MAX_SAFE_INTEGER, limit + 1],
  );
  const hasMore = rows.length > limit;
  return { items: rows.slice(0, limit).reverse().map(toItem), hasMore };
}

export async function updateItemContent(
  tx: Transaction,
  itemId: number,
  content: { contentType: string; contentJson: string; text: string },
  now: string,
): Promise<void> {
  await tx.run(
    `UPDATE chat_items SET content_type = ?, content_json = ?, text = ?, edited_at = ?
     WHERE item_id = ?`,
    [content.contentType, content.contentJson, content.text, now, itemId],
  );
}

/** Deleted items keep their place and dedup key; their content is gone. */
export async function markItemDeleted(tx: Transaction, itemId: number): Promise<void> {
  await tx.run(
    `UPDATE chat_items SET deleted = 1, content_json = '{}', text = '',
       status = CASE status WHEN 'received' THEN 'read' ELSE status END
     WHERE item_id = ?`,
    [itemId],
  );
}

const SND_RANK: Partial<Record<ItemStatus, number>> = { sending: 0, sent: 1, delivered: 2 };

/** Whether a sent item may move from `from` to `to`: only forward, and errors only before delivery. */
export function canAdvance(from: ItemStatus, to: ItemStatus): boolean {
  if (to === 'error') return from === 'sending' || from === 'sent';
  const a = SND_RANK[from];
  const b = SND_RANK[to];
  return a !== undefined && b !== undefined && b > a;
}

export async function setItemStatus(
  tx: Transaction,
  itemId: number,
  status: ItemStatus,
  error: string | null,
): Promise<void> {
  await tx.run('UPDATE chat_items SET status = ?, error = ? WHERE item_id = ?', [
    status,
    error,
    itemId,
  ]);
}

/** Sent items that never reached the agent (the app stopped in between): they failed. */
export async function failUndeliveredItems(tx: Transaction, error: string): Promise<number[]> {
  const rows = await tx.all(
    `SELECT item_id FROM chat_items i
     WHERE status = 'sending'
       AND NOT EXISTS (SELECT 1 FROM chat_item_deliveries d WHERE d.item_id = i.item_id)`,
  );
  const ids = rows.map((r) => parseRow(ItemRow.pick({ item_id: true }), r, 'chat_items').item_id);
  for (const id of ids) await setItemStatus(tx, id, 'error', error);
  return ids;
}
