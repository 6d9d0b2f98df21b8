import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../../src/node/sqlite';
import { randomBytes } from '../../../../../src/protocol/crypto';
import {
  addSkippedKeys,
  deleteSkippedKey,
  deleteSkippedKeysBefore,
  getRatchet,
  insertRatchet,
  skippedKeysOf,
  wipeX3dhKeys,
} from '../../../../../src/main/engine/agent/store/ratchets';
import { useTempDirs } from '../../../../support/temp-dir';
import { aConnection, agentStore } from '../support';

const tempDir = useTempDirs();
let db: Database;
afterEach(() => db?.close());

const key = (headerKey: Uint8Array, msgNumber: number) => ({
  headerKey,
  msgNumber,
  messageKey: randomBytes(32),
  iv: randomBytes(16),
});

describe('agent ratchet store', () => {
  it('keeps at most the newest skipped keys of a connection and deletes used ones', async () => {
    db = await agentStore(tempDir());
    const c = await aConnection(db);
    const hk = randomBytes(32);
    await addSkippedKeys(db, c, [key(hk, 1), key(hk, 2), key(hk, 3)], 1_000, 4);
    await addSkippedKeys(db, c, [key(hk, 4), key(hk, 5)], 2_000, 4);
    expect((await skippedKeysOf(db, c)).map((k) => k.msgNumber).sort()).toEqual([2, 3, 4, 5]);
    await deleteSkippedKey(db, c, { headerKey: hk, msgNumber: 4 });
    expect((await skippedKeysOf(db, c)).map((k) => k.msgNumber).sort()).toEqual([2, 3, 5]);
  });

  it('sweeps skipped keys past their time to live', async () => {
    db = await agentStore(tempDir());
    const c = await aConnection(db);
    const hk = randomBytes(32);
    await addSkippedKeys(db, c, [key(hk, 1)], 1_000, 10);
    await addSkippedKeys(db, c, [key(hk, 2)], 5_000, 10);
    expect(await deleteSkippedKeysBefore(db, 2_000)).toBe(1);
    expect((await skippedKeysOf(db, c)).map((k) => k.msgNumber)).toEqual([2]);
  });

  it('forgets the X3DH private keys when the handshake is done', async () => {
    db = await agentStore(tempDir());
    const c = await aConnection(db);
    const x3dhKeys = { key1: randomBytes(56), key2: randomBytes(56) };
    await insertRatchet(db, c, { x3dhKeys, e2eParams: new Uint8Array([1]) });
    expect((await getRatchet(db, c))?.x3dhKeys).toEqual(x3dhKeys);
    await wipeX3dhKeys(db, c);
    const row = await db.get('SELECT x3dh_key1, x3dh_key2 FROM agent_ratchets WHERE conn_id = ?', [
      c,
    ]);
    expect(row).toEqual({ x3dh_key1: null, x3dh_key2: null });
  });
});
