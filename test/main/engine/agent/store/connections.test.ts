import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../../src/node/sqlite';
import {
  getConnection,
  updateConnection,
} from '../../../../../src/main/engine/agent/store/connections';
import { useTempDirs } from '../../../../support/temp-dir';
import { NOW, aConnection, agentStore } from '../support';

const tempDir = useTempDirs();
let db: Database;
afterEach(() => db?.close());

describe('agent connection store', () => {
  it('reads a connection with the numbering of its message stream', async () => {
    db = await agentStore(tempDir());
    const c = await aConnection(db);
    expect(await getConnection(db, c)).toMatchObject({
      connId: c,
      status: 'connected',
      lastInternalId: 0,
      lastSndHash: new Uint8Array(0),
    });
    expect(await getConnection(db, 'nope')).toBeUndefined();
  });

  it('writes a message’s numbering without touching the connection row', async () => {
    db = await agentStore(tempDir());
    const c = await aConnection(db);
    const later = '2026-02-01T00:00:00.000Z';
    await updateConnection(db, c, { lastInternalId: 3, lastRcvHash: new Uint8Array([9]) }, later);
    let conn = await getConnection(db, c);
    expect(conn).toMatchObject({
      lastInternalId: 3,
      lastRcvHash: new Uint8Array([9]),
      updatedAt: NOW,
    });
    await updateConnection(db, c, { status: 'failed', error: 'AUTH', connInfo: null }, later);
    conn = await getConnection(db, c);
    expect(conn).toMatchObject({
      status: 'failed',
      error: 'AUTH',
      updatedAt: later,
      lastInternalId: 3,
    });
  });
});
