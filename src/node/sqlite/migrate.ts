// Schema migrations tracked by PRAGMA user_version. Each migration runs in its own transaction
// together with the version bump, so a failure leaves the database at the previous version.
import type { Driver } from './driver';
import { DatabaseTooNewError, MigrationError, MigrationListError } from './errors';
import type { Executor, Transaction } from './types';

export interface Migration {
  /** 1, 2, 3, … in order, with no gaps. */
  readonly version: number;
  readonly name: string;
  up(tx: Transaction): Promise<void>;
}

export interface MigratingDatabase extends Executor {
  readonly path: string;
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  userVersion(): Promise<number>;
}

export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationListError(
        `migration '${m.name}' has version ${m.version} at position ${i + 1}: versions must be 1, 2, 3, … in order`,
      );
    }
    if (!m.name.trim()) throw new MigrationListError(`migration ${m.version} has no name`);
  });
}

async function readUserVersion(q: Pick<Executor, 'get'>): Promise<number> {
  const row = await q.get('PRAGMA user_version');
  return typeof row?.user_version === 'number' ? row.user_version : 0;
}

/** Refuses a database from a newer program before anything has been written to it. */
export async function checkNotTooNew(
  driver: Driver,
  migrations: readonly Migration[],
): Promise<void> {
  const found = await readUserVersion(driver);
  if (found > migrations.length) {
    throw new DatabaseTooNewError(driver.path, found, migrations.length);
  }
}

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
}

export async function runMigrations(
  db: MigratingDatabase,
  migrations: readonly Migration[],
): Promise<MigrationOutcome> {
  assertMigrationList(migrations);
  const from = await db.userVersion();
  if (from > migrations.length) throw new DatabaseTooNewError(db.path, from, migrations.length);
  for (const m of migrations.slice(from)) {
    try {
      await db.transaction(async (tx) => {
        await m.up(tx);
        const broken = await tx.all('PRAGMA foreign_key_check');
        if (broken.length > 0) {
          throw new Error(`${broken.length} rows break foreign keys after the migration`);
        }
        // Integer from our own list, so interpolating it is safe (PRAGMA takes no parameters).
        await tx.exec(`PRAGMA user_version = ${m.version}`);
      });
    } catch (e) {
      throw new MigrationError(m.version, m.name, m.version - 1, { cause: e });
    }
  }
  return { from, to: migrations.length };
}
