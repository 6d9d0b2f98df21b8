import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../../../src/node/sqlite';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0004 } from '../../../../../src/main/engine/store/migrations/0004-agent-short-links';
import { useTempDirs } from '../../../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = '2026-01-01T00:00:00.000Z';

async function at0004(): Promise<Database> {
  return openDatabase(path.join(tempDir(), 'engine.db'), { migrations: migrations.slice(0, 4) });
}

describe('migration 0004-agent-short-links', () => {
  it('is the fourth engine migration and creates STRICT tables', async () => {
    expect(migrations[3]).toBe(migration0004);
    const db = await at0004();
    expect(await db.userVersion()).toBe(4);
    const tables = await db.all(
      `SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main'
       AND name IN ('agent_short_links', 'agent_link_reads') ORDER BY name`,
    );
    expect(tables).toEqual([
      { name: 'agent_link_reads', strict: 1, wr: 1 },
      { name: 'agent_short_links', strict: 1, wr: 1 },
    ]);
    await db.close();
  });

  it('deletes a link with its connection', async () => {
    const db = await at0004();
    await db.run(
      `INSERT INTO agent_connections (conn_id, mode, role, status, created_at, updated_at)
       VALUES ('c1', 'contact', 'initiator', 'pending', ?, ?)`,
      [NOW, NOW],
    );
    await db.run(
      `INSERT INTO agent_short_links (conn_id, short_link, link_id, link_key, root_private_key,
         enc_fixed_data, user_data, created_at, updated_at)
       VALUES ('c1', 'https://x/a#k', x'01', x'02', x'03', x'04', x'05', ?, ?)`,
      [NOW, NOW],
    );
    await db.run(`DELETE FROM agent_connections WHERE conn_id = 'c1'`);
    expect((await db.get('SELECT count(*) AS n FROM agent_short_links'))?.n).toBe(0);
    await db.close();
  });
});
