import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Transaction } from '../../../src/node/sqlite';
import { GroupCommit } from '../../../src/server/store/group-commit';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

async function setup() {
  const db = await openDatabase(path.join(tempDir(), 'g.db'), {
    migrations: [
      {
        version: 1,
        name: 't',
        up: (tx) => tx.exec('CREATE TABLE t (v INTEGER PRIMARY KEY) STRICT'),
      },
    ],
  });
  return { db, commit: new GroupCommit(db) };
}

describe('group commit', () => {
  it('commits everything submitted in one turn in one transaction, in order', async () => {
    const { db, commit } = await setup();
    const seen: Transaction[] = [];
    const results = await Promise.all(
      [1, 2, 3].map((v) =>
        commit.submit(async (tx) => {
          seen.push(tx);
          await tx.run('INSERT INTO t (v) VALUES (?)', [v]);
          return (await tx.get('SELECT count(*) AS n FROM t'))?.n;
        }),
      ),
    );
    // Each operation sees the ones before it: same transaction, submission order.
    expect(results).toEqual([1, 2, 3]);
    expect(new Set(seen).size).toBe(1);
    await db.close();
  });

  it('resolves only after the commit: the data is readable from the file', async () => {
    const { db, commit } = await setup();
    await commit.submit((tx) => tx.run('INSERT INTO t (v) VALUES (7)'));
    expect(await db.get('SELECT v FROM t')).toEqual({ v: 7 });
    await db.close();
  });

  it('isolates a failing operation: the others of its batch still commit', async () => {
    const { db, commit } = await setup();
    const outcomes = await Promise.allSettled([
      commit.submit((tx) => tx.run('INSERT INTO t (v) VALUES (1)')),
      commit.submit((tx) => tx.run('INSERT INTO no_table (v) VALUES (2)')),
      commit.submit((tx) => tx.run('INSERT INTO t (v) VALUES (3)')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db.all('SELECT v FROM t ORDER BY v')).toEqual([{ v: 1 }, { v: 3 }]);
    await db.close();
  });

  it('idle() waits for everything submitted', async () => {
    const { db, commit } = await setup();
    for (let i = 1; i <= 50; i++)
      void commit.submit((tx) => tx.run('INSERT INTO t (v) VALUES (?)', [i]));
    await commit.idle();
    expect((await db.get('SELECT count(*) AS n FROM t'))?.n).toBe(50);
    await db.close();
  });

  it('runs consecutive combined items in one call, in order, between other operations', async () => {
    const { db, commit } = await setup();
    const calls: number[][] = [];
    const insertAll = async (tx: Transaction, items: readonly number[]) => {
      calls.push([...items]);
      for (const v of items) await tx.run('INSERT INTO t (v) VALUES (?)', [v]);
    };
    const counts = await Promise.all([
      commit.submitCombined(insertAll, 1),
      commit.submitCombined(insertAll, 2),
      commit.submit(async (tx) => (await tx.get('SELECT count(*) AS n FROM t'))?.n),
      commit.submitCombined(insertAll, 3),
    ]);
    expect(calls).toEqual([[1, 2], [3]]);
    // The plain operation saw the items before it and not the one after it.
    expect(counts[2]).toBe(2);
    expect(await db.all('SELECT v FROM t ORDER BY v')).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
    await db.close();
  });

  it('isolates a failing combined item: the others still commit', async () => {
    const { db, commit } = await setup();
    const insertAll = async (tx: Transaction, items: readonly number[]) => {
      for (const v of items) await tx.run('INSERT INTO t (v) VALUES (?)', [v]);
    };
    const outcomes = await Promise.allSettled([
      commit.submitCombined(insertAll, 1),
      commit.submitCombined(insertAll, 1), // a duplicate key
      commit.submitCombined(insertAll, 3),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db.all('SELECT v FROM t ORDER BY v')).toEqual([{ v: 1 }, { v: 3 }]);
    await db.close();
  });
});
