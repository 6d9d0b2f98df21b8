import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0008 } from '../../../../../src/main/engine/store/migrations/0008-chat-item-counters';
import { useTempDirs } from '../../../../support/temp-dir';
import { NOW, insertContact, insertProfile, migratedTo } from './chat-support';

const tempDir = useTempDirs();

describe('migration 0008-chat-item-counters', () => {
  it('is the eighth migration', () => {
    expect(migrations[7]).toBe(migration0008);
  });

  it('makes each inserted item the chat’s last, dated by it, and counts received ones', async () => {
    const db = await migratedTo(tempDir(), 8);
    expect(await db.userVersion()).toBe(8);
    const user = await insertProfile(db);
    const contact = await insertContact(db, user, 'conn-1');
    const { lastId: chat } = await db.run(
      `INSERT INTO chats (user_profile_id, chat_type, contact_id, created_at, updated_at)
       VALUES (?, 'direct', ?, ?, ?)`,
      [user, contact, NOW, NOW],
    );
    const insert = (direction: string, status: string, at: string) =>
      db.run(
        `INSERT INTO chat_items (chat_id, direction, content_type, content_json, text, sent_at,
           created_at, status) VALUES (?, ?, 'text', '{}', 'x', ?, ?, ?)`,
        [chat, direction, at, at, status],
      );
    const counters = () =>
      db.get('SELECT last_item_id, updated_at, unread_count FROM chats WHERE chat_id = ?', [chat]);

    const { lastId: a } = await insert('rcv', 'received', '2026-01-02T00:00:00.000Z');
    expect(await counters()).toEqual({
      last_item_id: a,
      updated_at: '2026-01-02T00:00:00.000Z',
      unread_count: 1,
    });
    const { lastId: b } = await insert('snd', 'sending', '2026-01-03T00:00:00.000Z');
    expect(await counters()).toEqual({
      last_item_id: b,
      updated_at: '2026-01-03T00:00:00.000Z',
      unread_count: 1,
    });
    await insert('rcv', 'read', '2026-01-04T00:00:00.000Z');
    expect((await counters())?.unread_count).toBe(1);
    await db.close();
  });
});
