import { describe, expect, it } from 'vitest';
import { SqliteError } from '../../../../../src/node/sqlite';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0005 } from '../../../../../src/main/engine/store/migrations/0005-chat-contacts';
import { useTempDirs } from '../../../../support/temp-dir';
import { NOW, insertContact, insertProfile, migratedTo, tableNames } from './chat-support';

const tempDir = useTempDirs();

describe('migration 0005-chat-contacts', () => {
  it('is the fifth migration and adds the contact tables, all STRICT', async () => {
    expect(migrations[4]).toBe(migration0005);
    const before = await migratedTo(tempDir(), 4);
    const existing = await tableNames(before);
    await before.close();
    const db = await migratedTo(tempDir(), 5);
    expect(await db.userVersion()).toBe(5);
    const added = (await tableNames(db)).filter((t) => !existing.includes(t));
    expect(added).toEqual([
      'chat_conn_deletions',
      'contact_requests',
      'contacts',
      'invitations',
      'user_addresses',
    ]);
    for (const name of added) {
      const row = await db.get('SELECT strict FROM pragma_table_list WHERE name = ?', [name]);
      expect(row?.strict).toBe(1);
    }
    await db.close();
  });

  it('keeps one contact per connection and ties merged contacts to their survivor', async () => {
    const db = await migratedTo(tempDir(), 5);
    const user = await insertProfile(db);
    const bob = await insertContact(db, user, 'conn-1');
    await expect(insertContact(db, user, 'conn-1')).rejects.toBeInstanceOf(SqliteError);
    // Connection-less contacts (deleted by the peer) do not collide.
    await insertContact(db, user, null, { status: 'deleted' });
    await insertContact(db, user, null, { status: 'deleted' });

    // 'merged' and merged_into go together.
    await expect(insertContact(db, user, 'conn-2', { status: 'merged' })).rejects.toBeInstanceOf(
      SqliteError,
    );
    await expect(
      insertContact(db, user, 'conn-2', { status: 'active', mergedInto: bob }),
    ).rejects.toBeInstanceOf(SqliteError);
    const dup = await insertContact(db, user, 'conn-2', { status: 'merged', mergedInto: bob });
    await expect(insertContact(db, user, 'conn-3', { status: 'unknown' })).rejects.toBeInstanceOf(
      SqliteError,
    );

    // Deleting the survivor deletes its merged duplicates.
    await db.run('DELETE FROM contacts WHERE contact_id = ?', [bob]);
    expect(await db.get('SELECT 1 FROM contacts WHERE contact_id = ?', [dup])).toBeUndefined();
    await db.close();
  });

  it('allows one address per profile and one request per agent invitation or request id', async () => {
    const db = await migratedTo(tempDir(), 5);
    const user = await insertProfile(db);
    const address = (conn: string) =>
      db.run(
        `INSERT INTO user_addresses (user_profile_id, agent_conn_id, link, created_at, updated_at)
         VALUES (?, ?, 'simplex:/contact#/?x', ?, ?)`,
        [user, conn, NOW, NOW],
      );
    await address('a1');
    await expect(address('a2')).rejects.toBeInstanceOf(SqliteError);

    const request = (inv: string, reqId: Uint8Array | null) =>
      db.run(
        `INSERT INTO contact_requests (user_profile_id, agent_invitation_id, contact_req_id,
           display_name, profile_json, received_at) VALUES (?, ?, ?, 'bob', '{}', ?)`,
        [user, inv, reqId, NOW],
      );
    await request('inv-1', Uint8Array.of(1));
    await expect(request('inv-1', Uint8Array.of(2))).rejects.toBeInstanceOf(SqliteError);
    await expect(request('inv-2', Uint8Array.of(1))).rejects.toBeInstanceOf(SqliteError);
    await request('inv-3', null);
    await request('inv-4', null);
    await expect(
      db.run(
        `INSERT INTO contact_requests (user_profile_id, agent_invitation_id, display_name,
           profile_json, received_at) VALUES (?, 'inv-5', 'x', 'not json', ?)`,
        [user, NOW],
      ),
    ).rejects.toBeInstanceOf(SqliteError);

    // Everything belongs to the profile.
    await db.run('DELETE FROM user_profiles WHERE user_profile_id = ?', [user]);
    expect((await db.get('SELECT count(*) AS n FROM contact_requests'))?.n).toBe(0);
    expect((await db.get('SELECT count(*) AS n FROM user_addresses'))?.n).toBe(0);
    await db.close();
  });
});
