// One connection per database file, and one queue in front of it. Every statement, reads
// included, runs through the queue, and a transaction holds the queue from BEGIN IMMEDIATE to
// COMMIT (or ROLLBACK), so the statements of different callers never interleave. sqlite3 runs
// each call on a libuv thread, so without this two awaited transactions could mix their writes.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Driver } from './driver';
import { DatabaseClosedError, DatabaseUsageError } from './errors';
import { runMigrations, assertMigrationList, checkNotTooNew, type Migration } from './migrate';
import { SerialQueue } from './serial-queue';
import type { Executor, Row, RunResult, SqlParams, Transaction } from './types';

export interface OpenOptions {
  /** Applied in order at open; a database newer than the last one is refused untouched. */
  readonly migrations?: readonly Migration[];
  /** How long a statement waits for another process's lock before failing (ms). */
  readonly busyTimeoutMs?: number;
  /** Prepared statements kept open for reuse. */
  readonly statementCacheSize?: number;
}

export interface Database extends Executor {
  readonly path: string;
  /** Runs `work` as one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** PRAGMA user_version: the schema version the migrations have reached. */
  userVersion(): Promise<number>;
  /** Waits for queued work, checkpoints the WAL into the main file and closes the connection. */
  close(): Promise<void>;
  readonly closed: boolean;
}

/** Which database's transaction the current async context is inside, to catch re-entry. */
interface OpenTransaction {
  readonly driver: Driver;
  active: boolean;
}
const insideTransaction = new AsyncLocalStorage<OpenTransaction>();

class TransactionHandle implements Transaction {
  // Statements of one transaction also run in order, even if the callback does not await each.
  private readonly queue = new SerialQueue();
  private ended = false;

  constructor(private readonly driver: Driver) {}

  private use<T>(task: () => Promise<T>): Promise<T> {
    if (this.ended) {
      return Promise.reject(
        new DatabaseUsageError('this transaction has ended; its handle cannot be used any more'),
      );
    }
    return this.queue.push(task);
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.use(() => this.driver.run(sql, params));
  }
  get(sql: string, params?: SqlParams): Promise<Row | undefined> {
    return this.use(() => this.driver.get(sql, params));
  }
  all(sql: string, params?: SqlParams): Promise<Row[]> {
    return this.use(() => this.driver.all(sql, params));
  }
  exec(sql: string): Promise<void> {
    return this.use(() => this.driver.exec(sql));
  }

  /** Waits for statements still running, then refuses any more. */
  async end(): Promise<void> {
    this.ended = true;
    await this.queue.idle();
  }
}

class QueuedDatabase implements Database {
  private readonly queue = new SerialQueue();
  private closing: Promise<void> | undefined;

  constructor(private readonly driver: Driver) {}

  get path(): string {
    return this.driver.path;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new DatabaseClosedError(this.path));
    const outer = insideTransaction.getStore();
    if (outer?.active && outer.driver === this.driver) {
      // The queue is held by the enclosing transaction, so this call would wait forever.
      return Promise.reject(
        new DatabaseUsageError(
          'called the database from inside one of its own transactions; use the tx handle',
        ),
      );
    }
    return this.queue.push(task);
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.enqueue(() => this.driver.run(sql, params));
  }
  get(sql: string, params?: SqlParams): Promise<Row | undefined> {
    return this.enqueue(() => this.driver.get(sql, params));
  }
  all(sql: string, params?: SqlParams): Promise<Row[]> {
    return this.enqueue(() => this.driver.all(sql, params));
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      // IMMEDIATE takes the write lock up front, so the transaction cannot fail half-way with
      // SQLITE_BUSY when it first writes.
      await this.driver.run('BEGIN IMMEDIATE');
      const tx = new TransactionHandle(this.driver);
      const context: OpenTransaction = { driver: this.driver, active: true };
      let result: T;
      try {
        result = await insideTransaction.run(context, () => work(tx));
        await tx.end();
        await this.driver.run('COMMIT');
      } catch (e) {
        await tx.end().catch(() => undefined);
        // SQLite may already have rolled back (e.g. after SQLITE_FULL); that is fine.
        await this.driver.run('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        // Timers the callback started may still run later; they may use the database then.
        context.active = false;
      }
      return result;
    });
  }

  async userVersion(): Promise<number> {
    const row = await this.get('PRAGMA user_version');
    return typeof row?.user_version === 'number' ? row.user_version : 0;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.queue.idle();
      try {
        // Folds the WAL into the main file, so a closed database is one self-contained file.
        await this.driver.run('PRAGMA optimize');
        await this.driver.get('PRAGMA wal_checkpoint(TRUNCATE)');
      } finally {
        await this.driver.close();
      }
    })();
    return this.closing;
  }
}

/**
 * Opens (creating if needed) the database at `path` with WAL, synchronous=NORMAL, foreign keys
 * and a busy timeout, then applies `migrations`. A database whose user_version is above the last
 * migration is refused with DatabaseTooNewError before anything is written to it.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database> {
  const migrations = options.migrations ?? [];
  assertMigrationList(migrations);
  const driver = await Driver.open(path, { statementCacheSize: options.statementCacheSize ?? 200 });
  try {
    // Connection settings first: they change nothing in the file.
    await driver.run(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    await driver.run('PRAGMA foreign_keys = ON');
    await checkNotTooNew(driver, migrations);
    const mode = await driver.get('PRAGMA journal_mode = WAL');
    if (mode?.journal_mode !== 'wal') {
      throw new DatabaseUsageError(
        `${path}: could not switch to WAL (got ${String(mode?.journal_mode)})`,
      );
    }
    await driver.run('PRAGMA synchronous = NORMAL');
  } catch (e) {
    await driver.close().catch(() => undefined);
    throw e;
  }
  const db = new QueuedDatabase(driver);
  try {
    await runMigrations(db, migrations);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return db;
}
