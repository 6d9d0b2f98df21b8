// The engine's store: one SQLite file in the data directory, at the newest schema.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase, type Database } from '../../../node/sqlite';
import { migrations } from './migrations';

export const DATABASE_FILE = 'conclave.db';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** Opens (creating if needed) the store; refuses a database from a newer version untouched. */
export async function openStore(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  return openDatabase(databasePath(dataDir), { migrations });
}

export { StoreDataError } from './errors';
