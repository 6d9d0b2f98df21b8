// Helpers for the chat migrations' tests: a database at a given migration and rows to start from.
import path from 'node:path';
import { openDatabase, type Database } from '../../../../../src/node/sqlite';
import { migrations } from '../../../../../src/main/engine/store/migrations';

export const NOW = '2026-01-01T00:00:00.000Z';

/** A fresh database migrated up to and including `version`. */
export function migratedTo(dir: string, version: number): Promise<Database> {
  return openDatabase(path.join(dir, 'engine.db'), { migrations: migrations.slice(0, version) });
}

export async function insertProfile(db: Database, name = 'alice'): Promise<number> {
  const { lastId } = await db.run(
    'INSERT INTO user_profiles (display_name, active, created_at, updated_at) VALUES (?, 1, ?, ?)',
    [name, NOW, NOW],
  );
  return lastId;
}

export async function insertContact(
  db: Database,
  userProfileId: number,
  connId: string | null,
  fields: { status?: string; mergedInto?: number | null; name?: string } = {},
): Promise<number> {
  const { lastId } = await db.run(
    `INSERT INTO contacts (user_profile_id, display_name, agent_conn_id, status, via, merged_into,
       created_at, updated_at) VALUES (?, ?, ?, ?, 'invitation', ?, ?, ?)`,
    [
      userProfileId,
      fields.name ?? 'bob',
      connId,
      fields.status ?? 'active',
      fields.mergedInto ?? null,
      NOW,
      NOW,
    ],
  );
  return lastId;
}

export async function tableNames(db: Database): Promise<string[]> {
  const rows = await db.all(
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return rows.map((r) => String(r.name));
}
