import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, SqliteError, type Database } from '../../../../../src/node/sqlite';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0002 } from '../../../../../src/main/engine/store/migrations/0002-agent-connections';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = '2026-01-01T00:00:00.000Z';

async function at0002(): Promise<Database> {
  return openDatabase(path.join(tempDir(), 'engine.db'), { migrations: migrations.slice(0, 2) });
}

async function connection(db: Database, id: string, status = 'pending') {
  await db.run(
    `INSERT INTO agent_connections (conn_id, mode, role, status, created_at, updated_at)
     VALUES (?, 'invitation', 'initiator', ?, ?, ?)`,
    [id, status, NOW, NOW],
  );
  await db.run('INSERT INTO agent_ratchets (conn_id) VALUES (?)', [id]);
}

describe('migration 0002-agent-connections', () => {
  it('is the second engine migration and creates STRICT tables', async () => {
    expect(migrations[1]).toBe(migration0002);
    const db = await at0002();
    expect(await db.userVersion()).toBe(2);
    const tables = await db.all(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name LIKE 'agent_%' ORDER BY name",
    );
    expect(tables).toEqual(
      [
        'agent_confirmations',
        'agent_connections',
        'agent_contact_requests',
        'agent_ratchets',
        'agent_rcv_queues',
        'agent_skipped_keys',
        'agent_snd_queues',
      ].map((name) => ({ name, strict: 1 })),
    );
    await db.close();
  });

  it('checks modes and statuses', async () => {
    const db = await at0002();
    await expect(connection(db, 'c1', 'nonsense')).rejects.toBeInstanceOf(SqliteError);
    await expect(
      db.run(
        `INSERT INTO agent_connections (conn_id, mode, role, status, created_at, updated_at)
         VALUES ('c2', 'group', 'initiator', 'new', ?, ?)`,
        [NOW, NOW],
      ),
    ).rejects.toBeInstanceOf(SqliteError);
    await db.close();
  });

  it('deletes every key, queue and decision of a connection with it', async () => {
    const db = await at0002();
    await connection(db, 'c1');
    const key = new Uint8Array(32);
    await db.run(
      `INSERT INTO agent_rcv_queues (conn_id, server, queue_mode, rcv_auth_key, rcv_dh_private,
         e2e_private, smp_client_version, status, created_at, recipient_id)
       VALUES ('c1', 'smp://a@b', 'messaging', ?, ?, ?, 4, 'created', ?, ?)`,
      [key, key, key, NOW, new Uint8Array([1, 2, 3])],
    );
    await db.run(
      `INSERT INTO agent_snd_queues (conn_id, server, sender_id, queue_mode, peer_dh_public,
         e2e_private, e2e_dh_secret, smp_client_version, status, created_at)
       VALUES ('c1', 'smp://a@b', ?, 'messaging', ?, ?, ?, 4, 'new', ?)`,
      [key, key, key, key, NOW],
    );
    await db.run(
      `INSERT INTO agent_skipped_keys (conn_id, header_key, msg_number, message_key, iv, created_at)
       VALUES ('c1', ?, 1, ?, ?, 0)`,
      [key, key, key],
    );
    await db.run(
      `INSERT INTO agent_confirmations (confirmation_id, conn_id, reply_queue, conn_info, status,
         created_at) VALUES ('f1', 'c1', x'00', x'00', 'pending', ?)`,
      [NOW],
    );
    await db.run('DELETE FROM agent_connections WHERE conn_id = ?', ['c1']);
    for (const table of [
      'agent_ratchets',
      'agent_rcv_queues',
      'agent_snd_queues',
      'agent_skipped_keys',
      'agent_confirmations',
    ]) {
      expect((await db.get(`SELECT count(*) AS n FROM ${table}`))?.n).toBe(0);
    }
    await db.close();
  });

  it('keeps recipient ids unique and one request per invitation per address', async () => {
    const db = await at0002();
    await connection(db, 'c1');
    const key = new Uint8Array(32);
    const rq = () =>
      db.run(
        `INSERT INTO agent_rcv_queues (conn_id, server, queue_mode, rcv_auth_key, rcv_dh_private,
           e2e_private, smp_client_version, status, created_at, recipient_id)
         VALUES ('c1', 'smp://a@b', 'contact', ?, ?, ?, 4, 'created', ?, x'0102')`,
        [key, key, key, NOW],
      );
    await rq();
    await expect(rq()).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    const request = (id: string) =>
      db.run(
        `INSERT INTO agent_contact_requests (invitation_id, contact_conn_id, conn_req, conn_req_hash,
           conn_info, status, created_at) VALUES (?, 'c1', 'link', x'aa', x'', 'pending', ?)`,
        [id, NOW],
      );
    await request('i1');
    await expect(request('i2')).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await db.close();
  });
});
