// The durable side of the queue state: one SQLite file (src/node/sqlite, server migrations), all
// statements through the group commit in decision order. Returns the state to rebuild memory
// from on start, and single queues to re-read after a failed write.
import {
  openDatabase,
  type Database,
  type Row,
  type SqlValue,
  type Transaction,
} from '../../node/sqlite';
import type { QueueLinkData } from '../../protocol/smp/commands';
import { idKey, type MessageMeta, type Queue } from '../queues/queue';
import { GroupCommit } from './group-commit';
import { inChunks, rowPlaceholders } from './multi-row';
import { serverMigrations } from './migrations';
import {
  bytesOf,
  encodeKeys,
  MESSAGE_SELECT,
  messageFromRow,
  QUEUE_SELECT,
  parseRow,
  queueFromRow,
  StoreDataError,
} from './rows';
import { z } from 'zod';

const QUEUE_INSERT = `recipient_id, sender_id, recipient_keys, rcv_dh_secret, sender_key,
  queue_mode, status, link_id, link_fixed_data, created_at, updated_at`;
const MESSAGE_COLUMNS = 'message_id, recipient_id, msg_id, created_at, kind, notification, body';

const linkRowSchema = z.object({
  link_fixed_data: z.instanceof(Uint8Array).transform(bytesOf),
  link_user_data: z.instanceof(Uint8Array).transform(bytesOf),
});

export class QueueStore {
  private readonly commit: GroupCommit;
  private nextRowId: number;

  private constructor(
    private readonly db: Database,
    lastRowId: number,
  ) {
    this.commit = new GroupCommit(db);
    this.nextRowId = lastRowId + 1;
  }

  /** Opens (creating or migrating) the store and returns every queue with its messages. */
  static async open(file: string): Promise<{ store: QueueStore; queues: Queue[] }> {
    const db = await openDatabase(file, { migrations: serverMigrations });
    try {
      const queues = await loadQueues(db);
      const last = await db.get('SELECT max(message_id) AS last FROM messages');
      const lastRowId = typeof last?.last === 'number' ? last.last : 0;
      return { store: new QueueStore(db, lastRowId), queues };
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
  }

  /** A fresh message row id: assigned when the message is accepted, so order is arrival order. */
  nextMessageRowId(): number {
    return this.nextRowId++;
  }

  createQueue(q: Queue, link: QueueLinkData | undefined): Promise<void> {
    return this.write(
      `INSERT INTO queues (${QUEUE_INSERT}, link_user_data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        q.recipientId,
        q.senderId,
        encodeKeys(q.recipientKeys),
        q.rcvDhSecret,
        q.senderKey ?? null,
        q.mode ?? null,
        q.status,
        q.link?.linkId ?? null,
        link?.fixedData ?? null,
        q.createdAt,
        q.updatedAt,
        link?.userData ?? null,
      ],
    );
  }

  /** Persists the mutable fields of a queue record (keys, status, update time). */
  saveQueue(q: Queue): Promise<void> {
    return this.write(
      `UPDATE queues SET recipient_keys = ?, sender_key = ?, status = ?, updated_at = ?
       WHERE recipient_id = ?`,
      [encodeKeys(q.recipientKeys), q.senderKey ?? null, q.status, q.updatedAt, q.recipientId],
    );
  }

  setLink(q: Queue, linkId: Uint8Array, data: QueueLinkData): Promise<void> {
    return this.write(
      `UPDATE queues SET link_id = ?, link_fixed_data = ?, link_user_data = ?, updated_at = ?
       WHERE recipient_id = ?`,
      [linkId, data.fixedData, data.userData, q.updatedAt, q.recipientId],
    );
  }

  deleteLink(q: Queue): Promise<void> {
    return this.write(
      `UPDATE queues SET link_id = NULL, link_fixed_data = NULL, link_user_data = NULL,
       updated_at = ? WHERE recipient_id = ?`,
      [q.updatedAt, q.recipientId],
    );
  }

  /** Deletes the queue and (by cascade) its messages. */
  deleteQueue(recipientId: Uint8Array): Promise<void> {
    return this.write('DELETE FROM queues WHERE recipient_id = ?', [recipientId]);
  }

  addMessage(recipientId: Uint8Array, m: MessageMeta, body: Uint8Array | undefined): Promise<void> {
    const row: SqlValue[] = [
      m.rowId,
      recipientId,
      m.msgId,
      m.timestamp,
      m.quota ? 'quota' : 'message',
      m.notification ? 1 : 0,
      m.quota ? null : (body ?? new Uint8Array(0)),
    ];
    return this.commit.submitCombined(writeMessages, { insert: row });
  }

  deleteMessages(messages: readonly MessageMeta[]): Promise<void> {
    return this.commit.submitCombined(writeMessages, { delete: messages.map((m) => m.rowId) });
  }

  /** The body of a message, or undefined if it is gone (deleted meanwhile). */
  readBody(rowId: number): Promise<Uint8Array | undefined> {
    return this.commit.submit(async (tx) => {
      const row = await tx.get('SELECT body FROM messages WHERE message_id = ?', [rowId]);
      return row?.body instanceof Uint8Array ? bytesOf(row.body) : undefined;
    });
  }

  /** The link blobs of a queue, if it has link data. */
  readLink(recipientId: Uint8Array): Promise<QueueLinkData | undefined> {
    return this.commit.submit(async (tx) => {
      const row = await tx.get(
        `SELECT link_fixed_data, link_user_data FROM queues
         WHERE recipient_id = ? AND link_id IS NOT NULL`,
        [recipientId],
      );
      if (!row) return undefined;
      const r = parseRow(linkRowSchema, row, 'queues');
      return { fixedData: r.link_fixed_data, userData: r.link_user_data };
    });
  }

  /** The stored state of one queue (after everything queued so far), or undefined if none. */
  loadQueue(recipientId: Uint8Array): Promise<Queue | undefined> {
    return this.commit.submit(async (tx) => {
      const row = await tx.get(`SELECT ${QUEUE_SELECT} FROM queues WHERE recipient_id = ?`, [
        recipientId,
      ]);
      if (!row) return undefined;
      const q = queueFromRow(row);
      const rows = await tx.all(
        `SELECT ${MESSAGE_SELECT} FROM messages WHERE recipient_id = ? ORDER BY message_id`,
        [recipientId],
      );
      for (const m of rows) q.messages.push(messageFromRow(m).meta);
      return q;
    });
  }

  /** Waits for queued operations, then closes the database (checkpointed into one file). */
  async close(): Promise<void> {
    await this.commit.idle();
    await this.db.close();
  }

  /**
   * Queues one statement. Its parameters are taken now, when the server decides, not when the
   * batch runs: the queue may have changed again by then.
   */
  private async write(sql: string, params: readonly SqlValue[]): Promise<void> {
    await this.commit.submit((tx) => tx.run(sql, params));
  }
}

/** Rows per read when loading everything: one huge result would cost far more native memory. */
const LOAD_PAGE = 2000;

/** Reads `select` in pages ordered by the integer `key` (selected as row_key). */
async function forEachPage(db: Database, select: string, key: string, each: (row: Row) => void) {
  let last = 0;
  for (;;) {
    const rows = await db.all(`${select} WHERE ${key} > ? ORDER BY ${key} LIMIT ${LOAD_PAGE}`, [
      last,
    ]);
    for (const row of rows) each(row);
    const tail = rows[rows.length - 1];
    if (rows.length < LOAD_PAGE || typeof tail?.row_key !== 'number') return;
    last = tail.row_key;
  }
}

async function loadQueues(db: Database): Promise<Queue[]> {
  const queues = new Map<string, Queue>();
  await forEachPage(db, `SELECT rowid AS row_key, ${QUEUE_SELECT} FROM queues`, 'rowid', (row) => {
    const q = queueFromRow(row);
    queues.set(idKey(q.recipientId), q);
  });
  await forEachPage(
    db,
    `SELECT message_id AS row_key, ${MESSAGE_SELECT} FROM messages`,
    'message_id',
    (row) => {
      const { recipientId, meta } = messageFromRow(row);
      const q = queues.get(idKey(recipientId));
      if (!q) throw new StoreDataError('a stored message belongs to no queue');
      q.messages.push(meta);
    },
  );
  return [...queues.values()];
}

/** A message stored (its row, in MESSAGE_COLUMNS order) or messages deleted, by row id. */
type MessageWrite =
  { readonly insert: readonly SqlValue[] } | { readonly delete: readonly number[] };

/**
 * The message writes of a batch, as a few multi-row statements: the inserts, then the deletes.
 * That order is the decided one: a message is deleted (acknowledged, expired) only after it was
 * stored, and row ids are never reused.
 */
async function writeMessages(tx: Transaction, writes: readonly MessageWrite[]): Promise<void> {
  const rows: (readonly SqlValue[])[] = [];
  const deleted: number[] = [];
  for (const w of writes) {
    if ('insert' in w) rows.push(w.insert);
    else deleted.push(...w.delete);
  }
  await inChunks(rows, (chunk) =>
    tx.run(
      `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES ${rowPlaceholders(chunk.length, 7)}`,
      chunk.flat(),
    ),
  );
  await inChunks(deleted, (chunk) =>
    tx.run(`DELETE FROM messages WHERE message_id IN ${rowPlaceholders(1, chunk.length)}`, chunk),
  );
}
