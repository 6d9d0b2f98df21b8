// Async SQLite for Node: one connection per file, one queue for every statement, transactions
// as units, migrations by PRAGMA user_version. Generic: the engine and the SMP server each bring
// their own migrations.
export { openDatabase, type Database, type OpenOptions } from './database';
export { runMigrations, type Migration, type MigrationOutcome } from './migrate';
export {
  DatabaseClosedError,
  DatabaseTooNewError,
  DatabaseUsageError,
  MigrationError,
  MigrationListError,
  SqlParamError,
  SqliteError,
} from './errors';
export type {
  Executor,
  Row,
  RunResult,
  SqlParams,
  SqlResult,
  SqlValue,
  Transaction,
} from './types';
