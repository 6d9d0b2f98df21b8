import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, SqliteError, type Database } from '../../../../../src/node/sqlite';
import { migration0001 } from '../../../../../src/main/engine/store/migrations/0001-initial';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();

async function at0001(): Promise<Database> {
  return openDatabase(path.join(tempDir(), 'engine.db'), { migrations: [migration0001] });
}

const NOW = '2026-01-01T00:00:00.000Z';

describe('migration 0001-initial', () => {
  it('is the first entry of the engine migration list', () => {
    expect(migrations[0]).toBe(migration0001);
    expect(migration0001.version).toBe(1);
  });

  it('creates STRICT user_profiles and settings tables and sets user_version 1', async () => {
    const db = await at0001();
    expect(await db.userVersion()).toBe(1);
    const tables = await db.all(
      "SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    expect(tables).toEqual([
      { name: 'settings', strict: 1, wr: 1 },
      { name: 'user_profiles', strict: 1, wr: 0 },
    ]);
    const columns = await db.all(
      'SELECT name, type, "notnull" FROM pragma_table_info(\'user_profiles\')',
    );
    expect(columns.map((c) => c.name)).toEqual([
      'user_profile_id',
      'display_name',
      'full_name',
      'image',
      'active',
      'created_at',
      'updated_at',
    ]);
    await db.close();
  });

  it('allows only one active profile', async () => {
    const db = await at0001();
    const insert = (name: string) =>
      db.run(
        'INSERT INTO user_profiles (display_name, active, created_at, updated_at) VALUES (?, 1, ?, ?)',
        [name, NOW, NOW],
      );
    await insert('alice');
    await expect(insert('bob')).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await db.run(
      'INSERT INTO user_profiles (display_name, active, created_at, updated_at) VALUES (?, 0, ?, ?)',
      ['carol', NOW, NOW],
    );
    expect((await db.get('SELECT count(*) AS n FROM user_profiles'))?.n).toBe(2);
    await db.close();
  });

  it('checks profile values', async () => {
    const db = await at0001();
    const insert = (name: string, image: string | null, active = 0) =>
      db.run(
        'INSERT INTO user_profiles (display_name, image, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        [name, image, active, NOW, NOW],
      );
    await expect(insert('', null)).rejects.toBeInstanceOf(SqliteError);
    await expect(insert('x'.repeat(101), null)).rejects.toBeInstanceOf(SqliteError);
    await expect(insert('ok', 'https://example.com/a.png')).rejects.toBeInstanceOf(SqliteError);
    await expect(insert('ok', null, 2)).rejects.toBeInstanceOf(SqliteError);
    await insert('ok', 'data:image/png;base64,AAAA');
    await db.close();
  });

  it('stores settings as valid JSON only, one row per key', async () => {
    const db = await at0001();
    await db.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', [
      'theme',
      '"dark"',
      NOW,
    ]);
    await expect(
      db.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', [
        'x',
        '{not json',
        NOW,
      ]),
    ).rejects.toBeInstanceOf(SqliteError);
    await expect(
      db.run('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', [
        'theme',
        '"light"',
        NOW,
      ]),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await db.close();
  });
});
