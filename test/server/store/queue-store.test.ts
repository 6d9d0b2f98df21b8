import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/node/sqlite';
import { cryptoReady, sha256 } from '../../../src/protocol/crypto';
import type { MessageMeta, Queue } from '../../../src/server/queues/queue';
import { serverMigrations } from '../../../src/server/store/migrations';
import { QueueStore } from '../../../src/server/store/queue-store';
import { StoreDataError } from '../../../src/server/store/rows';
import { useTempDirs } from '../../support/temp-dir';

beforeAll(cryptoReady);
const tempDir = useTempDirs();

const id = (n: number) => new Uint8Array(24).fill(n);

function queue(n: number): Queue {
  return {
    recipientId: id(n),
    senderId: id(100 + n),
    recipientKeys: [new Uint8Array(44).fill(n)],
    rcvDhSecret: new Uint8Array(32).fill(n),
    senderKey: undefined,
    mode: 'contact',
    status: 'active',
    link: undefined,
    messages: [],
    createdAt: 1000,
    updatedAt: 1000,
  };
}

function message(store: QueueStore, n: number, quota = false): MessageMeta {
  return {
    rowId: store.nextMessageRowId(),
    msgId: id(n),
    timestamp: 2000 + n,
    quota,
    notification: n % 2 === 0,
  };
}

describe('queue store', () => {
  it('stores queues, links and messages and loads them back in order after a reopen', async () => {
    const file = path.join(tempDir(), 'smp.db');
    const { store } = await QueueStore.open(file);
    const q = queue(1);
    const fixedData = new Uint8Array(2048).fill(3);
    q.link = { linkId: id(9), fixedDigest: sha256(fixedData) };
    await store.createQueue(q, { fixedData, userData: Uint8Array.of(1, 2) });
    const m1 = message(store, 1);
    const m2 = message(store, 2);
    const marker = message(store, 3, true);
    await Promise.all([
      store.addMessage(q.recipientId, m1, Uint8Array.of(11)),
      store.addMessage(q.recipientId, m2, Uint8Array.of(22)),
      store.addMessage(q.recipientId, marker, undefined),
    ]);
    q.senderKey = new Uint8Array(44).fill(7);
    q.status = 'off';
    await store.saveQueue(q);
    await store.deleteMessages([m1]);
    expect(await store.readBody(m2.rowId)).toEqual(Uint8Array.of(22));
    expect(await store.readBody(m1.rowId)).toBeUndefined();
    expect(await store.readLink(q.recipientId)).toEqual({
      fixedData,
      userData: Uint8Array.of(1, 2),
    });
    await store.createQueue(queue(2), undefined);
    await store.close();

    const reopened = await QueueStore.open(file);
    const loaded = reopened.queues.find((x) => x.recipientId[0] === 1)!;
    expect(loaded).toMatchObject({
      senderKey: q.senderKey,
      status: 'off',
      mode: 'contact',
      link: q.link,
    });
    expect(loaded.messages.map((m) => m.rowId)).toEqual([m2.rowId, marker.rowId]);
    expect(loaded.messages[1]).toMatchObject({ quota: true });
    expect(reopened.queues).toHaveLength(2);
    // Row ids continue after the largest stored one.
    expect(reopened.store.nextMessageRowId()).toBe(marker.rowId + 1);
    await reopened.store.deleteQueue(q.recipientId);
    expect(await reopened.store.loadQueue(q.recipientId)).toBeUndefined();
    await reopened.store.close();
  });

  it('stores and deletes many messages decided in one turn, as decided', async () => {
    const { store } = await QueueStore.open(path.join(tempDir(), 'smp.db'));
    const q = queue(1);
    await store.createQueue(q, undefined);
    const first = Array.from({ length: 70 }, (_, i) => message(store, i));
    await Promise.all(first.map((m, i) => store.addMessage(q.recipientId, m, Uint8Array.of(i))));
    // In one batch (more rows than one statement takes): more messages stored, some of them and
    // of the earlier ones deleted.
    const more = Array.from({ length: 150 }, (_, i) => message(store, i));
    await Promise.all([
      ...more.map((m, i) => store.addMessage(q.recipientId, m, Uint8Array.of(i, i))),
      store.deleteMessages(first.slice(0, 65)),
      store.deleteMessages(more.slice(0, 3)),
    ]);
    const loaded = await store.loadQueue(q.recipientId);
    expect(loaded?.messages.map((m) => m.rowId)).toEqual(
      [...first.slice(65), ...more.slice(3)].map((m) => m.rowId),
    );
    expect(await store.readBody(more[149]!.rowId)).toEqual(Uint8Array.of(149, 149));
    await store.close();
  });

  it('refuses a damaged row with a StoreDataError', async () => {
    const file = path.join(tempDir(), 'smp.db');
    const { store } = await QueueStore.open(file);
    await store.createQueue(queue(1), undefined);
    await store.close();
    const db = await openDatabase(file, { migrations: serverMigrations });
    await db.run("UPDATE queues SET recipient_keys = x'05'");
    await db.close();
    await expect(QueueStore.open(file)).rejects.toBeInstanceOf(StoreDataError);
  });
});
