// Values that cross into and out of SQLite through this module.

/** What may be bound to a placeholder. Bigints must be safe integers; numbers must be finite. */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

/** Positional (`?`) or named (`$name`, with the prefix in the key) parameters. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/** What a row holds when it comes back: integers and reals as numbers, blobs as Buffers. */
export type SqlResult = string | number | null | Buffer;
export type Row = Readonly<Record<string, SqlResult>>;

export interface RunResult {
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  readonly changes: number;
  /** The rowid of the last row inserted by this connection. */
  readonly lastId: number;
}

/** What repositories need: implemented by the database (autocommit) and by a transaction. */
export interface Executor {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get(sql: string, params?: SqlParams): Promise<Row | undefined>;
  all(sql: string, params?: SqlParams): Promise<Row[]>;
}

/** The handle a transaction callback receives; unusable once the transaction has ended. */
export interface Transaction extends Executor {
  /** Runs a script of several statements without parameters (DDL in migrations). */
  exec(sql: string): Promise<void>;
}
