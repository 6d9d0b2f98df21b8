import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../../src/node/sqlite';
import { migration0001 } from '../../../../src/server/store/migrations/0001-initial';
import { serverMigrations } from '../../../../src/server/store/migrations';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

const at0001 = (): Promise<Database> =>
  openDatabase(path.join(tempDir(), 'smp.db'), { migrations: [migration0001] });

const id = (n: number) => new Uint8Array(24).fill(n);

async function insertQueue(db: Database, n: number, extra: Record<string, unknown> = {}) {
  const row = {
    recipient_id: id(n),
    sender_id: id(100 + n),
    recipient_keys: Uint8Array.of(0),
    rcv_dh_secret: new Uint8Array(32),
    status: 'active',
    created_at: 1,
    updated_at: 1,
    ...extra,
  };
  const cols = Object.keys(row);
  await db.run(
    `INSERT INTO queues (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    Object.values(row),
  );
}

describe('server migration 0001', () => {
  it('is the first server migration and creates STRICT queues and messages tables', async () => {
    expect(serverMigrations[0]).toBe(migration0001);
    const db = await at0001();
    expect(await db.userVersion()).toBe(1);
    const tables = await db.all(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    expect(tables).toEqual([
      { name: 'messages', strict: 1 },
      { name: 'queues', strict: 1 },
    ]);
    await db.close();
  });

  it('keeps sender and link ids unique and link columns all-or-nothing', async () => {
    const db = await at0001();
    await insertQueue(db, 1, { link_id: id(50), link_fixed_data: id(1), link_user_data: id(2) });
    await expect(insertQueue(db, 2, { sender_id: id(101) })).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT',
    });
    await expect(
      insertQueue(db, 3, { link_id: id(50), link_fixed_data: id(1), link_user_data: id(2) }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await expect(insertQueue(db, 4, { link_id: id(51) })).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT',
    });
    await expect(insertQueue(db, 5, { status: 'deleted' })).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT',
    });
    await expect(insertQueue(db, 6, { queue_mode: 'other' })).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT',
    });
    await db.close();
  });

  it('deletes the messages of a deleted queue and requires a body exactly for messages', async () => {
    const db = await at0001();
    await insertQueue(db, 1);
    const msg = (n: number, kind: string, body: Uint8Array | null) =>
      db.run(
        'INSERT INTO messages (message_id, recipient_id, msg_id, created_at, kind, notification, body) VALUES (?, ?, ?, 1, ?, 0, ?)',
        [n, id(1), id(n), kind, body],
      );
    await msg(1, 'message', id(9));
    await msg(2, 'quota', null);
    await expect(msg(3, 'quota', id(9))).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await expect(msg(4, 'message', null)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await expect(
      db.run(
        "INSERT INTO messages (message_id, recipient_id, msg_id, created_at, kind, notification, body) VALUES (5, ?, ?, 1, 'message', 0, ?)",
        [id(77), id(5), id(5)],
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await db.run('DELETE FROM queues WHERE recipient_id = ?', [id(1)]);
    expect((await db.get('SELECT count(*) AS n FROM messages'))?.n).toBe(0);
    await db.close();
  });
});
