// The engine in its own worker process: real child processes, real SQLite files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callEngine, type EngineClient } from '../../src/main/engine/host/client';
import {
  EngineStartError,
  startEngineWorker,
  type EngineWorkerOptions,
} from '../../src/main/engine/host/supervisor';
import { forkEngineProcess, type EngineProcess } from '../../src/main/engine/host/transport';
import { silentLogger } from '../../src/main/engine/log';
import { databasePath } from '../../src/main/engine/store';
import { migrations } from '../../src/main/engine/store/migrations';
import { openDatabase } from '../../src/node/sqlite';
import type { EngineStatus } from '../../src/shared/models/engine';
import { engineWorkerBundle } from '../support/engine-worker-bundle';
import { deferred, useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
let workerPath = '';
beforeAll(async () => {
  workerPath = await engineWorkerBundle();
});

const clients: EngineClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});

/** Starts a supervised worker and keeps hold of each process it spawns, so a test can kill it. */
async function startWorker(dataDir: string, extra: Partial<EngineWorkerOptions> = {}) {
  const processes: EngineProcess[] = [];
  const fork = forkEngineProcess(workerPath);
  const client = await startEngineWorker({
    dataDir,
    log: silentLogger,
    workerLogLevel: 'error',
    restart: { initialDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 },
    spawn: () => {
      const p = fork();
      processes.push(p);
      return p;
    },
    ...extra,
  });
  clients.push(client);
  return { client, processes };
}

function nextStatus(client: EngineClient, state: EngineStatus['state']): Promise<EngineStatus> {
  return new Promise((resolve) => {
    const off = client.on('engine.status', (s) => {
      if (s.state === state) {
        off();
        resolve(s);
      }
    });
  });
}

async function readBack(dataDir: string) {
  const db = await openDatabase(databasePath(dataDir), { migrations });
  try {
    return await db.get('SELECT display_name, full_name FROM user_profiles WHERE active = 1');
  } finally {
    await db.close();
  }
}

describe('engine worker process', () => {
  it('runs commands and relays events across the process boundary', async () => {
    const { client } = await startWorker(tempDir());
    expect(client.status).toEqual({ state: 'ready' });
    const updates: string[] = [];
    client.on('profile.updated', (p) => updates.push(p.displayName));
    const created = await callEngine(client, 'profile.create', {
      displayName: 'alice',
      fullName: '',
      image: null,
    });
    expect(created.displayName).toBe('alice');
    expect(await callEngine(client, 'profile.get', {})).toEqual(created);
    expect(updates).toEqual(['alice']);
    // The worker checks inputs too: callers other than the dispatcher get the same answers.
    expect(await client.call('profile.update', { displayName: 5 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('loses nothing committed when killed mid-write, restarts, and serves again', async () => {
    const dataDir = tempDir();
    const { client, processes } = await startWorker(dataDir);
    await callEngine(client, 'profile.create', { displayName: 'alice', fullName: '', image: null });

    const statuses: string[] = [];
    client.on('engine.status', (s) => statuses.push(s.state));
    const readyAgain = nextStatus(client, 'ready');

    // A burst of writes; the worker is killed as soon as the 20th has been acknowledged, while
    // the next ones are being written.
    const acknowledged = deferred();
    let okCount = 0;
    const writes = Array.from({ length: 300 }, (_, i) =>
      client.call('profile.update', { fullName: `write ${i}` }).then((r) => {
        if (r.ok && ++okCount === 20) acknowledged.resolve();
        return r;
      }),
    );
    await acknowledged.promise;
    processes.at(-1)!.kill();
    const results = await Promise.all(writes);

    const okIndexes = results.flatMap((r, i) => (r.ok ? [i] : []));
    const lastOk = Math.max(...okIndexes);
    expect(okIndexes.length).toBeGreaterThanOrEqual(20);
    expect(okIndexes.length).toBeLessThan(300);
    // Acknowledged writes form a prefix (they are applied in order); the rest failed UNAVAILABLE.
    expect(okIndexes).toEqual(Array.from({ length: okIndexes.length }, (_, i) => i));
    for (const r of results.slice(lastOk + 1)) {
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    }

    await readyAgain;
    expect(statuses.slice(0, 2)).toEqual(['restarting', 'ready']);
    expect(processes).toHaveLength(2);

    // Every acknowledged write is there; a write may have committed just before the kill
    // without its reply getting out, but nothing is half-applied.
    const profile = await callEngine(client, 'profile.get', {});
    const stored = Number(profile?.fullName.replace('write ', ''));
    expect(stored).toBeGreaterThanOrEqual(lastOk);
    expect(profile?.displayName).toBe('alice');

    // And the engine works again.
    const after = await callEngine(client, 'profile.update', { fullName: 'after the restart' });
    expect(after.fullName).toBe('after the restart');
  });

  it('shuts down in order: queued writes finish and the store is closed and checkpointed', async () => {
    const dataDir = tempDir();
    const { client } = await startWorker(dataDir);
    await callEngine(client, 'profile.create', { displayName: 'alice', fullName: '', image: null });
    const writes = Array.from({ length: 50 }, (_, i) =>
      client.call('profile.update', { fullName: `write ${i}` }),
    );
    // Stop while the burst is still in flight: what the worker has accepted, it finishes.
    await client.close();
    expect(client.status).toEqual({ state: 'stopped' });
    expect((await Promise.all(writes)).every((r) => r.ok)).toBe(true);

    const wal = `${databasePath(dataDir)}-wal`;
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    expect(await readBack(dataDir)).toEqual({ display_name: 'alice', full_name: 'write 49' });
    expect(await client.call('profile.get', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('does not retry a worker that cannot open a database from a newer version', async () => {
    const dataDir = tempDir();
    const seed = await openDatabase(databasePath(dataDir), { migrations });
    await seed.run('PRAGMA user_version = 42');
    await seed.close();
    const before = createHash('sha256')
      .update(readFileSync(databasePath(dataDir)))
      .digest('hex');

    let spawned = 0;
    const fork = forkEngineProcess(workerPath);
    const failure = startEngineWorker({
      dataDir,
      log: silentLogger,
      workerLogLevel: 'error',
      spawn: () => {
        spawned++;
        return fork();
      },
    });
    await expect(failure).rejects.toBeInstanceOf(EngineStartError);
    await expect(failure).rejects.toMatchObject({ errorName: 'DatabaseTooNewError' });
    await expect(failure).rejects.toThrow(/newer version/);
    expect(spawned).toBe(1);
    expect(
      createHash('sha256')
        .update(readFileSync(databasePath(dataDir)))
        .digest('hex'),
    ).toBe(before);
  });

  it('gives up after repeated crashes before ready and says why', async () => {
    // A worker bundle that is not there: every start crashes before 'ready'.
    let spawned = 0;
    const failure = startEngineWorker({
      dataDir: tempDir(),
      log: silentLogger,
      restart: { initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 },
      spawn: () => {
        spawned++;
        return forkEngineProcess('/nonexistent/engine-worker.cjs')();
      },
    });
    await expect(failure).rejects.toMatchObject({ errorName: 'Crashed' });
    expect(spawned).toBe(3);
  });
});
