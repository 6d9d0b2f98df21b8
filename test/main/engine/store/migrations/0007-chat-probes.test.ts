import { describe, expect, it } from 'vitest';
import { SqliteError } from '../../../../../src/node/sqlite';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0007 } from '../../../../../src/main/engine/store/migrations/0007-chat-probes';
import { useTempDirs } from '../../../../support/temp-dir';
import { NOW, insertContact, insertProfile, migratedTo, tableNames } from './chat-support';

const tempDir = useTempDirs();

describe('migration 0007-chat-probes', () => {
  it('is the seventh migration and adds the probe tables', async () => {
    expect(migrations[6]).toBe(migration0007);
    const db = await migratedTo(tempDir(), 7);
    expect(await db.userVersion()).toBe(7);
    const names = await tableNames(db);
    for (const t of ['sent_probes', 'sent_probe_hashes', 'received_probes']) {
      expect(names).toContain(t);
    }
    await db.close();
  });

  it('keeps probes unique and drops them with their contacts', async () => {
    const db = await migratedTo(tempDir(), 7);
    const user = await insertProfile(db);
    const newer = await insertContact(db, user, 'conn-new');
    const older = await insertContact(db, user, 'conn-old');
    const probe = new TextEncoder().encode('probe-text');
    const { lastId: sent } = await db.run(
      'INSERT INTO sent_probes (user_profile_id, contact_id, probe, created_at) VALUES (?, ?, ?, ?)',
      [user, newer, probe, NOW],
    );
    await expect(
      db.run(
        'INSERT INTO sent_probes (user_profile_id, contact_id, probe, created_at) VALUES (?, ?, ?, ?)',
        [user, older, probe, NOW],
      ),
    ).rejects.toBeInstanceOf(SqliteError);
    await db.run(
      'INSERT INTO sent_probe_hashes (sent_probe_id, contact_id, created_at) VALUES (?, ?, ?)',
      [sent, older, NOW],
    );
    await db.run(
      `INSERT INTO received_probes (user_profile_id, contact_id, probe, probe_hash, created_at)
       VALUES (?, ?, NULL, ?, ?)`,
      [user, older, Uint8Array.of(1), NOW],
    );

    await db.run('DELETE FROM contacts WHERE contact_id = ?', [older]);
    expect((await db.get('SELECT count(*) AS n FROM sent_probe_hashes'))?.n).toBe(0);
    expect((await db.get('SELECT count(*) AS n FROM received_probes'))?.n).toBe(0);
    await db.run('DELETE FROM contacts WHERE contact_id = ?', [newer]);
    expect((await db.get('SELECT count(*) AS n FROM sent_probes'))?.n).toBe(0);
    await db.close();
  });
});
