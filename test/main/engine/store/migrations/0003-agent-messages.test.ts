import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, SqliteError, type Database } from '../../../../../src/node/sqlite';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0003 } from '../../../../../src/main/engine/store/migrations/0003-agent-messages';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = '2026-01-01T00:00:00.000Z';

async function at0003(): Promise<Database> {
  const db = await openDatabase(path.join(tempDir(), 'engine.db'), {
    migrations: migrations.slice(0, 3),
  });
  const key = new Uint8Array(32);
  await db.run(
    `INSERT INTO agent_connections (conn_id, mode, role, status, created_at, updated_at)
     VALUES ('c1', 'invitation', 'joiner', 'connected', ?, ?)`,
    [NOW, NOW],
  );
  await db.run(
    `INSERT INTO agent_snd_queues (snd_queue_id, conn_id, server, sender_id, queue_mode,
       peer_dh_public, e2e_private, e2e_dh_secret, smp_client_version, status, created_at)
     VALUES (1, 'c1', 'smp://a@b', ?, 'messaging', ?, ?, ?, 4, 'active', ?)`,
    [key, key, key, key, NOW],
  );
  return db;
}

const sent = (db: Database, id: number, status = 'pending') =>
  db.run(
    `INSERT INTO agent_snd_messages (conn_id, agent_msg_id, snd_msg_id, kind, snd_queue_id,
       msg_hash, body, notify, status, created_at) VALUES ('c1', ?, ?, 'message', 1, x'00', x'01', 1, ?, ?)`,
    [id, id, status, NOW],
  );

describe('migration 0003-agent-messages', () => {
  it('is the third engine migration and creates STRICT tables', async () => {
    expect(migrations[2]).toBe(migration0003);
    const db = await at0003();
    expect(await db.userVersion()).toBe(3);
    const tables = await db.all(
      `SELECT name, strict FROM pragma_table_list WHERE schema = 'main'
       AND name IN ('agent_snd_messages', 'agent_rcv_messages', 'agent_events') ORDER BY name`,
    );
    expect(tables).toEqual([
      { name: 'agent_events', strict: 1 },
      { name: 'agent_rcv_messages', strict: 1 },
      { name: 'agent_snd_messages', strict: 1 },
    ]);
    await db.close();
  });

  it('indexes the pending messages of a queue and checks statuses', async () => {
    const db = await at0003();
    await sent(db, 1, 'sent');
    await sent(db, 2);
    const index = await db.get(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'agent_snd_messages_pending'",
    );
    expect(String(index?.sql)).toContain("WHERE status = 'pending'");
    const pending = await db.all(
      `SELECT agent_msg_id FROM agent_snd_messages WHERE snd_queue_id = 1 AND status = 'pending'`,
    );
    expect(pending).toEqual([{ agent_msg_id: 2 }]);
    await expect(sent(db, 3, 'lost')).rejects.toBeInstanceOf(SqliteError);
    await db.close();
  });

  it('keeps events without a connection and checks their JSON', async () => {
    const db = await at0003();
    await db.run(
      `INSERT INTO agent_events (name, payload) VALUES ('deleted', '{"connId":"gone"}')`,
    );
    await expect(
      db.run(`INSERT INTO agent_events (name, payload) VALUES ('deleted', '{oops')`),
    ).rejects.toBeInstanceOf(SqliteError);
    // Deleting the connection takes its messages, not the events.
    await sent(db, 1);
    await db.run(`DELETE FROM agent_connections WHERE conn_id = 'c1'`);
    expect((await db.get('SELECT count(*) AS n FROM agent_snd_messages'))?.n).toBe(0);
    expect((await db.get('SELECT count(*) AS n FROM agent_events'))?.n).toBe(1);
    await db.close();
  });
});
