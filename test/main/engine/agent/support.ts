// A real engine store in a temp directory, migrated, for the agent's repository tests.
import path from 'node:path';
import { openDatabase, type Database } from '../../../../src/node/sqlite';
import { migrations } from '../../../../src/main/engine/store/migrations';
import { insertConnection } from '../../../../src/main/engine/agent/store/connections';

export const NOW = '2026-01-01T00:00:00.000Z';

export async function agentStore(dir: string): Promise<Database> {
  return openDatabase(path.join(dir, 'agent.db'), { migrations });
}

export async function aConnection(db: Database, connId = 'c1'): Promise<string> {
  await insertConnection(
    db,
    { connId, mode: 'invitation', role: 'joiner', status: 'connected', agentVersion: 7 },
    NOW,
  );
  return connId;
}
