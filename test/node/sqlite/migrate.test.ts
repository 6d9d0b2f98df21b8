import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatabaseTooNewError,
  MigrationError,
  MigrationListError,
  openDatabase,
  type Migration,
} from '../../../src/node/sqlite';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

const v1: Migration = {
  version: 1,
  name: 'notes',
  up: (tx) => tx.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT'),
};
const v2: Migration = {
  version: 2,
  name: 'note tags',
  up: async (tx) => {
    await tx.exec('ALTER TABLE notes ADD COLUMN tag TEXT');
    await tx.run("UPDATE notes SET tag = 'old'");
  },
};

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('migrations', () => {
  it('applies migrations in order and records the version', async () => {
    const file = path.join(tempDir(), 'm.db');
    const db = await openDatabase(file, { migrations: [v1] });
    expect(await db.userVersion()).toBe(1);
    await db.run("INSERT INTO notes (body) VALUES ('hello')");
    await db.close();

    const upgraded = await openDatabase(file, { migrations: [v1, v2] });
    expect(await upgraded.userVersion()).toBe(2);
    expect(await upgraded.all('SELECT body, tag FROM notes')).toEqual([
      { body: 'hello', tag: 'old' },
    ]);
    await upgraded.close();

    // Opening again applies nothing twice.
    const again = await openDatabase(file, { migrations: [v1, v2] });
    expect(await again.userVersion()).toBe(2);
    await again.close();
  });

  it('rolls back a failing migration and leaves the database at the version before it', async () => {
    const file = path.join(tempDir(), 'm.db');
    const broken: Migration = {
      version: 2,
      name: 'half done',
      up: async (tx) => {
        await tx.exec('CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT');
        await tx.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT');
      },
    };
    const failure = openDatabase(file, { migrations: [v1, broken] });
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toMatchObject({ version: 2, fromVersion: 1 });

    const db = await openDatabase(file, { migrations: [v1] });
    expect(await db.userVersion()).toBe(1);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'extra'")).toBeUndefined();
    await db.close();
  });

  it('refuses a migration that leaves broken foreign keys', async () => {
    const file = path.join(tempDir(), 'm.db');
    const dangling: Migration = {
      version: 1,
      name: 'dangling',
      up: async (tx) => {
        await tx.exec(`
          CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
          CREATE TABLE child (parent_id INTEGER REFERENCES parent (id)) STRICT;
          PRAGMA defer_foreign_keys = ON;
          INSERT INTO child VALUES (7);`);
      },
    };
    await expect(openDatabase(file, { migrations: [dangling] })).rejects.toBeInstanceOf(
      MigrationError,
    );
  });

  it('refuses a database from a newer version and leaves its file unchanged', async () => {
    const file = path.join(tempDir(), 'newer.db');
    const v3: Migration = {
      version: 3,
      name: 'future',
      up: (tx) => tx.exec('CREATE TABLE f (x TEXT) STRICT'),
    };
    const newer = await openDatabase(file, { migrations: [v1, v2, v3] });
    await newer.run("INSERT INTO notes (body, tag) VALUES ('from the future', 'x')");
    await newer.close();
    const before = sha256(file);

    const refused = openDatabase(file, { migrations: [v1, v2] });
    await expect(refused).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(refused).rejects.toMatchObject({ foundVersion: 3, knownVersion: 2, path: file });
    await expect(refused).rejects.toThrow(/newer version.*left unchanged/s);
    expect(sha256(file)).toBe(before);

    // The newer program can still open it with everything in place.
    const reopened = await openDatabase(file, { migrations: [v1, v2, v3] });
    expect(await reopened.all('SELECT body FROM notes')).toEqual([{ body: 'from the future' }]);
    await reopened.close();
  });

  it('refuses a migration list with gaps, disorder or missing names', async () => {
    const file = path.join(tempDir(), 'm.db');
    await expect(openDatabase(file, { migrations: [v2] })).rejects.toBeInstanceOf(
      MigrationListError,
    );
    await expect(openDatabase(file, { migrations: [v1, v1] })).rejects.toBeInstanceOf(
      MigrationListError,
    );
    await expect(openDatabase(file, { migrations: [{ ...v1, name: ' ' }] })).rejects.toBeInstanceOf(
      MigrationListError,
    );
  });
});
