import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { silentLogger } from '../../../src/main/engine/log';
import { databasePath } from '../../../src/main/engine/store';
import { migrations } from '../../../src/main/engine/store/migrations';
import { DatabaseTooNewError, openDatabase } from '../../../src/node/sqlite';
import { ContractError, type EventPayload } from '../../../src/shared/ipc';
import { DEFAULT_SETTINGS } from '../../../src/shared/models/settings';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const clock = { now: () => new Date('2026-03-04T05:06:07.000Z') };

async function started(dataDir = tempDir()): Promise<Engine> {
  const engine = createEngine({ dataDir, clock, log: silentLogger });
  await engine.start();
  return engine;
}

describe('engine', () => {
  it('creates, reads and updates the profile and emits profile.updated after each write', async () => {
    const engine = await started();
    const seen: EventPayload<'profile.updated'>[] = [];
    engine.events.on('profile.updated', (p) => seen.push(p));

    expect(await engine.handlers['profile.get']({})).toBeNull();
    const created = await engine.handlers['profile.create']({
      displayName: 'alice',
      fullName: '',
      image: null,
    });
    expect(created).toMatchObject({
      id: 1,
      displayName: 'alice',
      createdAt: '2026-03-04T05:06:07.000Z',
    });
    const updated = await engine.handlers['profile.update']({ fullName: 'Alice' });
    expect(updated.fullName).toBe('Alice');
    expect(await engine.handlers['profile.get']({})).toEqual(updated);
    expect(seen).toEqual([created, updated]);
    await engine.stop();
  });

  it('refuses a second profile with CONFLICT and an update without a profile with NOT_FOUND', async () => {
    const engine = await started();
    await expect(engine.handlers['profile.update']({ fullName: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await engine.handlers['profile.create']({ displayName: 'a', fullName: '', image: null });
    const second = engine.handlers['profile.create']({
      displayName: 'b',
      fullName: '',
      image: null,
    });
    await expect(second).rejects.toBeInstanceOf(ContractError);
    await expect(second).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await engine.handlers['profile.get']({}))?.displayName).toBe('a');
    await engine.stop();
  });

  it('reads and updates settings and emits settings.updated', async () => {
    const engine = await started();
    const seen: unknown[] = [];
    engine.events.onAny((name, payload) => seen.push([name, payload]));
    expect(await engine.handlers['settings.get']({})).toEqual(DEFAULT_SETTINGS);
    const next = await engine.handlers['settings.update']({ theme: 'dark' });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(seen).toEqual([['settings.updated', next]]);
    await engine.stop();
  });

  it('answers UNAVAILABLE before start and after stop', async () => {
    const engine = createEngine({ dataDir: tempDir(), log: silentLogger });
    await expect(engine.handlers['settings.get']({})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await engine.start();
    await engine.stop();
    expect(engine.state).toBe('stopped');
    await expect(engine.handlers['profile.get']({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('stop waits for writes in flight and closes the store; the data is there on reopening', async () => {
    const dataDir = tempDir();
    const engine = await started(dataDir);
    await engine.handlers['profile.create']({ displayName: 'alice', fullName: '', image: null });
    const writes = Array.from({ length: 20 }, (_, i) =>
      engine.handlers['profile.update']({ fullName: `name ${i}` }),
    );
    await engine.stop();
    // Every write queued before stop was completed and committed, not cut off.
    expect((await Promise.all(writes)).map((p) => p.fullName)).toEqual(
      Array.from({ length: 20 }, (_, i) => `name ${i}`),
    );

    const db = await openDatabase(databasePath(dataDir), { migrations });
    const row = await db.get('SELECT full_name FROM user_profiles');
    expect(row?.full_name).toBe('name 19');
    await db.close();
  });

  it('refuses to start on a database from a newer version', async () => {
    const dataDir = tempDir();
    const engine = await started(dataDir);
    await engine.stop();
    const db = await openDatabase(path.join(dataDir, 'conclave.db'), { migrations });
    await db.run('PRAGMA user_version = 99');
    await db.close();

    const again = createEngine({ dataDir, log: silentLogger });
    await expect(again.start()).rejects.toBeInstanceOf(DatabaseTooNewError);
    expect(again.state).toBe('stopped');
  });
});
