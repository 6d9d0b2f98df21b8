import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatabaseClosedError,
  DatabaseUsageError,
  SqlParamError,
  SqliteError,
  openDatabase,
  type Database,
  type Executor,
} from '../../../src/node/sqlite';
import { deferred, useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

async function openLog(options: { statementCacheSize?: number } = {}): Promise<Database> {
  const db = await openDatabase(path.join(tempDir(), 'test.db'), {
    ...options,
    migrations: [
      {
        version: 1,
        name: 'log',
        up: (tx) =>
          tx.exec(`
            CREATE TABLE log (id INTEGER PRIMARY KEY, entry TEXT NOT NULL) STRICT;
            CREATE TABLE counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT;
            INSERT INTO counter (id, n) VALUES (1, 0);`),
      },
    ],
  });
  return db;
}

/** Several round trips to SQLite's thread pool: time in which an unqueued caller would run. */
async function busyWork(tx: Executor): Promise<void> {
  for (let i = 0; i < 20; i++) await tx.get('SELECT count(*) AS c FROM log');
}

async function entries(db: Database): Promise<string[]> {
  const rows = await db.all('SELECT entry FROM log ORDER BY id');
  return rows.map((r) => String(r.entry));
}

describe('openDatabase', () => {
  it('sets WAL, synchronous=NORMAL, foreign keys and a busy timeout', async () => {
    const db = await openLog();
    expect((await db.get('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
    expect((await db.get('PRAGMA synchronous'))?.synchronous).toBe(1);
    expect((await db.get('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
    expect((await db.get('PRAGMA busy_timeout'))?.timeout).toBe(5000);
    await db.close();
  });

  it('reports SQLite failures as SqliteError with the result code', async () => {
    const db = await openLog();
    const failure = db.run('INSERT INTO log (entry) VALUES (NULL)');
    await expect(failure).rejects.toBeInstanceOf(SqliteError);
    await expect(failure).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await expect(db.run('UPDATE counter SET n = ?', ['many'])).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT', // STRICT: text is not an INTEGER
    });
    await expect(db.all('SELEKT 1')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    expect(await entries(db)).toEqual([]);
    await db.close();
  });
});

describe('the queue', () => {
  it('keeps another caller out of an open transaction, even when the transaction waits', async () => {
    const db = await openLog();
    const started = deferred();
    const gate = deferred();
    const a = db.transaction(async (tx) => {
      await tx.run("INSERT INTO log (entry) VALUES ('a1')");
      started.resolve();
      await gate.promise;
      await busyWork(tx);
      await tx.run("INSERT INTO log (entry) VALUES ('a2')");
    });
    await started.promise;
    // Without the queue this autocommit insert would run on the shared connection while a works,
    // landing inside a's transaction between a1 and a2.
    const b = db.run("INSERT INTO log (entry) VALUES ('b')");
    gate.resolve();
    await Promise.all([a, b]);
    expect(await entries(db)).toEqual(['a1', 'a2', 'b']);
    await db.close();
  });

  it("does not take another caller's write down with a rolled-back transaction", async () => {
    const db = await openLog();
    const started = deferred();
    const gate = deferred();
    const a = db.transaction(async (tx) => {
      await tx.run("INSERT INTO log (entry) VALUES ('a1')");
      started.resolve();
      await gate.promise;
      await busyWork(tx);
      throw new Error('a fails');
    });
    await started.promise;
    const b = db.run("INSERT INTO log (entry) VALUES ('b')");
    gate.resolve();
    await expect(a).rejects.toThrow('a fails');
    await b;
    expect(await entries(db)).toEqual(['b']);
    await db.close();
  });

  it('runs concurrent read-modify-write transactions as units', async () => {
    const db = await openLog();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction(async (tx) => {
          const row = await tx.get('SELECT n FROM counter WHERE id = 1');
          await tx.run('INSERT INTO log (entry) VALUES (?)', [`t${i}`]);
          await tx.run('UPDATE counter SET n = ? WHERE id = 1', [Number(row?.n) + 1]);
        }),
      ),
    );
    expect((await db.get('SELECT n FROM counter'))?.n).toBe(50);
    expect(await entries(db)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
    await db.close();
  });

  it('runs statements of one transaction in order even when they are not awaited one by one', async () => {
    const db = await openLog();
    await db.transaction(async (tx) => {
      await Promise.all(
        ['x', 'y', 'z'].map((e) => tx.run('INSERT INTO log (entry) VALUES (?)', [e])),
      );
    });
    expect(await entries(db)).toEqual(['x', 'y', 'z']);
    await db.close();
  });

  it('rolls back everything on error and rethrows the same error', async () => {
    const db = await openLog();
    const boom = new Error('boom');
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO log (entry) VALUES ('lost')");
        await tx.run('UPDATE counter SET n = 99');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await entries(db)).toEqual([]);
    expect((await db.get('SELECT n FROM counter'))?.n).toBe(0);
    // Still usable afterwards.
    await db.run("INSERT INTO log (entry) VALUES ('kept')");
    expect(await entries(db)).toEqual(['kept']);
    await db.close();
  });

  it('rolls back when a statement inside the transaction fails', async () => {
    const db = await openLog();
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO log (entry) VALUES ('first')");
        await tx.run('INSERT INTO log (entry) VALUES (NULL)');
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(await entries(db)).toEqual([]);
    await db.close();
  });

  it('refuses re-entry from inside a transaction instead of deadlocking', async () => {
    const db = await openLog();
    await expect(
      db.transaction(async () => {
        await db.run("INSERT INTO log (entry) VALUES ('inner')");
      }),
    ).rejects.toBeInstanceOf(DatabaseUsageError);
    await expect(db.transaction(() => db.transaction(async () => 1))).rejects.toBeInstanceOf(
      DatabaseUsageError,
    );
    expect(await entries(db)).toEqual([]);
    await db.close();
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    const db = await openLog();
    let leaked: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.run("INSERT INTO log (entry) VALUES ('late')")).rejects.toBeInstanceOf(
      DatabaseUsageError,
    );
    expect(await entries(db)).toEqual([]);
    await db.close();
  });

  it('returns the value of the transaction callback', async () => {
    const db = await openLog();
    const id = await db.transaction(async (tx) => {
      const r = await tx.run("INSERT INTO log (entry) VALUES ('v')");
      return r.lastId;
    });
    expect(id).toBe(1);
    await db.close();
  });
});

describe('parameters and rows', () => {
  it('binds positional and named parameters and returns blobs as bytes', async () => {
    const db = await openLog();
    await db.run('CREATE TABLE kv (k TEXT PRIMARY KEY, i INTEGER, r REAL, b BLOB) STRICT');
    await db.run('INSERT INTO kv VALUES (?, ?, ?, ?)', [
      'one',
      2n ** 40n,
      1.5,
      new Uint8Array([1, 2, 3]),
    ]);
    await db.run('INSERT INTO kv VALUES ($k, $i, $r, $b)', {
      $k: 'two',
      $i: true,
      $r: 0,
      $b: null,
    });
    const rows = await db.all('SELECT * FROM kv ORDER BY k');
    expect(rows[0]).toEqual({ k: 'one', i: 2 ** 40, r: 1.5, b: Buffer.from([1, 2, 3]) });
    expect(rows[1]).toEqual({ k: 'two', i: 1, r: 0, b: null });
    await db.close();
  });

  it('refuses values sqlite3 would silently store as NULL', async () => {
    const db = await openLog();
    const bad: unknown[] = [undefined, Number.NaN, Infinity, 2n ** 64n, {}, [1]];
    for (const value of bad) {
      await expect(
        db.run('INSERT INTO log (entry) VALUES (?)', [value as string]),
      ).rejects.toBeInstanceOf(SqlParamError);
    }
    await expect(db.run('INSERT INTO log (entry) VALUES ($e)', { e: 'x' })).rejects.toBeInstanceOf(
      SqlParamError,
    );
    expect(await entries(db)).toEqual([]);
    await db.close();
  });

  it('gives correct results with more statements than the cache holds', async () => {
    const db = await openLog({ statementCacheSize: 2 });
    for (let round = 0; round < 3; round++) {
      for (const e of ['p', 'q', 'r', 's']) {
        await db.run(`INSERT INTO log (entry) VALUES (? || '${e}')`, [String(round)]);
      }
    }
    expect(await entries(db)).toHaveLength(12);
    expect((await db.get("SELECT count(*) AS c FROM log WHERE entry LIKE '%s'"))?.c).toBe(3);
    await db.close();
  });

  it('returns the first row of get and starts afresh on the next call', async () => {
    const db = await openLog();
    await db.run("INSERT INTO log (entry) VALUES ('1'), ('2')");
    expect((await db.get('SELECT entry FROM log ORDER BY id'))?.entry).toBe('1');
    expect((await db.get('SELECT entry FROM log ORDER BY id'))?.entry).toBe('1');
    expect(await db.get('SELECT entry FROM log WHERE id = ?', [99])).toBeUndefined();
    await db.close();
  });
});

describe('close', () => {
  it('waits for queued work, folds the WAL into the file and refuses later calls', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'flush.db');
    const db = await openDatabase(file, {
      migrations: [
        {
          version: 1,
          name: 't',
          up: (tx) => tx.exec('CREATE TABLE t (n INTEGER NOT NULL) STRICT'),
        },
      ],
    });
    const writes = Array.from({ length: 100 }, (_, n) => db.run('INSERT INTO t VALUES (?)', [n]));
    const closed = db.close();
    await expect(db.run('INSERT INTO t VALUES (0)')).rejects.toBeInstanceOf(DatabaseClosedError);
    await Promise.all(writes);
    await closed;
    expect(db.closed).toBe(true);
    expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);

    const again = await openDatabase(file, {
      migrations: [
        {
          version: 1,
          name: 't',
          up: (tx) => tx.exec('CREATE TABLE t (n INTEGER NOT NULL) STRICT'),
        },
      ],
    });
    expect(await again.get('SELECT count(*) AS c, sum(n) AS s FROM t')).toEqual({
      c: 100,
      s: 4950,
    });
    await again.close();
  });

  it('can be called twice', async () => {
    const db = await openLog();
    await Promise.all([db.close(), db.close()]);
    await expect(db.get('SELECT 1')).rejects.toBeInstanceOf(DatabaseClosedError);
  });
});
