// Typed errors of the SQLite layer. Messages name the database file and the SQL text (our own
// code), never bound parameter values, which may hold secrets or message plaintext.

/** A statement failed inside SQLite (constraint, syntax, busy, corrupt file...). */
export class SqliteError extends Error {
  override readonly name = 'SqliteError';
  constructor(
    /** SQLite's primary result code name, e.g. 'SQLITE_CONSTRAINT'. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The database was written by a newer program: refused, and left exactly as it was. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly path: string,
    readonly foundVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The database ${path} has schema version ${foundVersion}, but this version of the program ` +
        `only knows versions up to ${knownVersion}. It was written by a newer version and has been ` +
        `left unchanged; open it with that newer version.`,
    );
  }
}

/** A migration failed; its transaction was rolled back, so the database is at `fromVersion`. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly version: number,
    readonly migrationName: string,
    readonly fromVersion: number,
    options: { cause: unknown },
  ) {
    const why = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`migration ${version} (${migrationName}) failed and was rolled back: ${why}`, options);
  }
}

/** The migration list itself is wrong (a programming error caught at start-up). */
export class MigrationListError extends Error {
  override readonly name = 'MigrationListError';
}

/** The database was closed (or is closing); nothing more can be queued. */
export class DatabaseClosedError extends Error {
  override readonly name = 'DatabaseClosedError';
  constructor(path: string) {
    super(`the database ${path} is closed`);
  }
}

/** Misuse of the API that would otherwise deadlock or silently misbehave. */
export class DatabaseUsageError extends Error {
  override readonly name = 'DatabaseUsageError';
}

/** A parameter that SQLite would silently bind as NULL or as a lossy value. */
export class SqlParamError extends Error {
  override readonly name = 'SqlParamError';
}
