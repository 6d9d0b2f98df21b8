import path from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteError, type Database } from '../../../../../src/node/sqlite';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0006 } from '../../../../../src/main/engine/store/migrations/0006-chat-items';
import { useTempDirs } from '../../../../support/temp-dir';
import { NOW, insertContact, insertProfile, migratedTo, tableNames } from './chat-support';

const tempDir = useTempDirs();

async function withChat(): Promise<{ db: Database; chat: number; contact: number }> {
  const db = await migratedTo(tempDir(), 6);
  const user = await insertProfile(db);
  const contact = await insertContact(db, user, 'conn-1');
  const { lastId: chat } = await db.run(
    `INSERT INTO chats (user_profile_id, chat_type, contact_id, created_at, updated_at)
     VALUES (?, 'direct', ?, ?, ?)`,
    [user, contact, NOW, NOW],
  );
  return { db, chat, contact };
}

function insertItem(
  db: Database,
  chat: number,
  msgId: Uint8Array | null,
  direction = 'rcv',
  status = 'received',
) {
  return db.run(
    `INSERT INTO chat_items (chat_id, direction, shared_msg_id, content_type, content_json, text,
       sent_at, created_at, status) VALUES (?, ?, ?, 'text', '{}', 'hi', ?, ?, ?)`,
    [chat, direction, msgId, NOW, NOW, status],
  );
}

describe('migration 0006-chat-items', () => {
  it('is the sixth migration and adds chats, items, deliveries and reactions', async () => {
    expect(migrations[5]).toBe(migration0006);
    const db = await migratedTo(tempDir(), 6);
    expect(await db.userVersion()).toBe(6);
    const names = await tableNames(db);
    for (const t of ['chats', 'chat_items', 'chat_item_deliveries', 'chat_item_reactions']) {
      expect(names).toContain(t);
    }
    await db.close();
  });

  it('stores a message once per chat, shared id, direction and author', async () => {
    const { db, chat } = await withChat();
    await insertItem(db, chat, Uint8Array.of(1, 2, 3));
    await expect(insertItem(db, chat, Uint8Array.of(1, 2, 3))).rejects.toBeInstanceOf(SqliteError);
    // The same id in the other direction is another author in a direct chat.
    await insertItem(db, chat, Uint8Array.of(1, 2, 3), 'snd', 'sent');
    // Items without a shared id never collide.
    await insertItem(db, chat, null);
    await insertItem(db, chat, null);
    await db.close();
  });

  it('pages by (chat_id, item_id) and lists chats through indexes', async () => {
    const dir = tempDir();
    await (await migratedTo(dir, 6)).close();
    // A plain connection: EXPLAIN statements stay open in the engine's statement cache.
    const raw = new sqlite3.Database(path.join(dir, 'engine.db'));
    const plan = (sql: string) =>
      new Promise<string>((resolve, reject) =>
        raw.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, (e, rows) =>
          e ? reject(e) : resolve(rows.map((r) => r.detail).join(' | ')),
        ),
      );
    const page = await plan(
      'SELECT * FROM chat_items WHERE chat_id = 1 AND item_id < 100 ORDER BY item_id DESC LIMIT 50',
    );
    expect(page).toMatch(/chat_items_page/);
    expect(page).not.toMatch(/TEMP B-TREE/);
    const list = await plan(
      'SELECT chat_id FROM chats WHERE user_profile_id = 1 ORDER BY updated_at DESC, chat_id DESC',
    );
    expect(list).toMatch(/chats_order/);
    expect(list).not.toMatch(/TEMP B-TREE/);
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it('checks statuses against directions and cascades from chats to items to deliveries', async () => {
    const { db, chat, contact } = await withChat();
    await expect(insertItem(db, chat, null, 'snd', 'received')).rejects.toBeInstanceOf(SqliteError);
    await expect(insertItem(db, chat, null, 'rcv', 'delivered')).rejects.toBeInstanceOf(
      SqliteError,
    );
    const { lastId: item } = await insertItem(db, chat, Uint8Array.of(9), 'snd', 'sending');
    await db.run(
      `INSERT INTO chat_item_deliveries (agent_conn_id, agent_msg_id, item_id, status)
       VALUES ('conn-1', 5, ?, 'sending')`,
      [item],
    );
    await db.run(
      `INSERT INTO chat_item_reactions (item_id, reactor_kind, reactor_id, emoji, reaction_json,
         created_at) VALUES (?, 'self', 0, '👍', '{}', ?)`,
      [item, NOW],
    );
    await expect(
      db.run(
        `INSERT INTO chat_item_reactions (item_id, reactor_kind, reactor_id, emoji, reaction_json,
           created_at) VALUES (?, 'self', 3, '👍', '{}', ?)`,
        [item, NOW],
      ),
    ).rejects.toBeInstanceOf(SqliteError);

    await db.run('DELETE FROM contacts WHERE contact_id = ?', [contact]);
    for (const t of ['chats', 'chat_items', 'chat_item_deliveries', 'chat_item_reactions']) {
      expect((await db.get(`SELECT count(*) AS n FROM ${t}`))?.n).toBe(0);
    }
    await db.close();
  });
});
