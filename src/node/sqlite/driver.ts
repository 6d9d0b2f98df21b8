// A thin promise layer over one sqlite3 connection, with a cache of prepared statements. It does
// no ordering of its own: the Database in ./database.ts runs every call through one queue, which
// is also what makes sharing cached statements safe.
import sqlite3 from 'sqlite3';
import { SqlParamError, SqliteError } from './errors';
import type { Row, RunResult, SqlParams, SqlValue } from './types';

type Bindable = string | number | boolean | null | Buffer;

export interface DriverOptions {
  readonly readonly?: boolean;
  /** Prepared statements kept open (least recently used are finalized first). */
  readonly statementCacheSize: number;
}

function toSqliteError(e: unknown, sql: string, path: string): SqliteError {
  const code =
    e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : 'SQLITE_ERROR';
  const why = e instanceof Error ? e.message.replace(/^SQLITE_\w+: /, '') : String(e);
  const shortSql = sql.length > 200 ? `${sql.slice(0, 200)}…` : sql;
  return new SqliteError(code, `${why} (${path}: ${shortSql})`, { cause: e });
}

/** Checks one parameter: sqlite3 would bind undefined or a bigint as NULL, and NaN as NULL. */
function bindable(value: SqlValue, where: string): Bindable {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new SqlParamError(`${where} is not a finite number`);
      return value;
    case 'bigint':
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new SqlParamError(`${where} is a bigint outside the safe integer range`);
      }
      return Number(value);
    case 'object':
      if (value === null) return null;
      if (value instanceof Uint8Array) {
        return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      }
      break;
  }
  throw new SqlParamError(`${where} has an unsupported type (${typeof value})`);
}

function bindAll(params: SqlParams | undefined): Bindable[] | Record<string, Bindable> {
  if (params === undefined) return [];
  if (Array.isArray(params)) {
    return params.map((v: SqlValue, i) => bindable(v, `parameter ${i + 1}`));
  }
  const out: Record<string, Bindable> = {};
  for (const [key, v] of Object.entries(params as Readonly<Record<string, SqlValue>>)) {
    if (!/^[$:@]/.test(key)) {
      throw new SqlParamError(`named parameter '${key}' must keep its prefix ($, : or @)`);
    }
    out[key] = bindable(v, `parameter ${key}`);
  }
  return out;
}

export class Driver {
  private readonly statements = new Map<string, sqlite3.Statement>();

  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string,
    private readonly options: DriverOptions,
  ) {}

  static open(path: string, options: DriverOptions): Promise<Driver> {
    const mode = options.readonly
      ? sqlite3.OPEN_READONLY
      : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, mode, (err) => {
        if (err) reject(toSqliteError(err, '(open)', path));
        else resolve(new Driver(db, path, options));
      });
    });
  }

  private async statement(sql: string, withParams: boolean): Promise<sqlite3.Statement> {
    // sqlite3 only clears old bindings when new ones are given, so a statement used without
    // parameters never shares its cache slot with one that was bound before.
    const key = `${withParams ? 'p' : 'n'}:${sql}`;
    const cached = this.statements.get(key);
    if (cached) {
      // Re-inserting keeps the map in least-recently-used order.
      this.statements.delete(key);
      this.statements.set(key, cached);
      return cached;
    }
    const stmt = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
    }).catch((e: unknown) => {
      throw toSqliteError(e, sql, this.path);
    });
    this.statements.set(key, stmt);
    const oldest = this.statements.keys().next();
    if (this.statements.size > this.options.statementCacheSize && !oldest.done) {
      const evicted = this.statements.get(oldest.value);
      this.statements.delete(oldest.value);
      if (evicted) await finalize(evicted);
    }
    return stmt;
  }

  async run(sql: string, params?: SqlParams): Promise<RunResult> {
    const bound = bindAll(params);
    const stmt = await this.statement(sql, hasParams(bound));
    return new Promise((resolve, reject) => {
      stmt.run(bound, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    }).catch((e: unknown) => {
      throw toSqliteError(e, sql, this.path);
    }) as Promise<RunResult>;
  }

  async get(sql: string, params?: SqlParams): Promise<Row | undefined> {
    const bound = bindAll(params);
    const stmt = await this.statement(sql, hasParams(bound));
    try {
      return await new Promise<Row | undefined>((resolve, reject) => {
        stmt.get<Row>(bound, (err: Error | null, row?: Row) => (err ? reject(err) : resolve(row)));
      });
    } catch (e) {
      throw toSqliteError(e, sql, this.path);
    } finally {
      // A stepped-but-unfinished statement would hold a read snapshot open (and make the next
      // parameterless get continue with the second row), so it is reset at once.
      await new Promise<void>((resolve) => stmt.reset(() => resolve()));
    }
  }

  async all(sql: string, params?: SqlParams): Promise<Row[]> {
    const bound = bindAll(params);
    const stmt = await this.statement(sql, hasParams(bound));
    return new Promise<Row[]>((resolve, reject) => {
      stmt.all<Row>(bound, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows)));
    }).catch((e: unknown) => {
      throw toSqliteError(e, sql, this.path);
    });
  }

  /** A script of statements without parameters; not cached. */
  exec(sql: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.db.exec(sql, (err) => (err ? reject(toSqliteError(err, sql, this.path)) : resolve()));
    });
  }

  async close(): Promise<void> {
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(statements.map(finalize));
    await new Promise<void>((resolve, reject) => {
      this.db.close((err) => (err ? reject(toSqliteError(err, '(close)', this.path)) : resolve()));
    });
  }
}

function hasParams(bound: Bindable[] | Record<string, Bindable>): boolean {
  return Array.isArray(bound) ? bound.length > 0 : Object.keys(bound).length > 0;
}

function finalize(stmt: sqlite3.Statement): Promise<void> {
  return new Promise((resolve) => stmt.finalize(() => resolve()));
}
