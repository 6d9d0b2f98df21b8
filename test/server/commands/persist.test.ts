import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady } from '../../../src/protocol/crypto';
import { systemClock } from '../../../src/server/clock';
import type { ServerContext } from '../../../src/server/commands/context';
import { persist } from '../../../src/server/commands/persist';
import { createLogger } from '../../../src/server/log';
import { BodyCache } from '../../../src/server/queues/body-cache';
import type { Queue } from '../../../src/server/queues/queue';
import { QueueRegistry } from '../../../src/server/queues/queue-registry';
import { Subscribers } from '../../../src/server/queues/subscribers';
import { QueueStore } from '../../../src/server/store/queue-store';
import { useTempDirs } from '../../support/temp-dir';

beforeAll(cryptoReady);
const tempDir = useTempDirs();

function queue(): Queue {
  const id = new Uint8Array(24).fill(1);
  return {
    recipientId: id,
    senderId: new Uint8Array(24).fill(2),
    recipientKeys: [new Uint8Array(44).fill(3)],
    rcvDhSecret: new Uint8Array(32).fill(4),
    senderKey: undefined,
    mode: 'messaging',
    status: 'active',
    link: undefined,
    messages: [],
    createdAt: 1,
    updatedAt: 1,
  };
}

describe('persist', () => {
  it('after a failed write, replaces the queue in memory with what SQLite holds', async () => {
    const { store } = await QueueStore.open(path.join(tempDir(), 'smp.db'));
    const logged: string[] = [];
    const ctx: ServerContext = {
      settings: { quota: 128, messageTtlSeconds: 3600, basicAuth: undefined, maxSubscriptions: 10 },
      clock: systemClock,
      queues: new QueueRegistry(),
      store,
      subscribers: new Subscribers(),
      bodies: new BodyCache(0),
      log: createLogger('error', (line) => logged.push(line)),
    };
    const q = queue();
    ctx.queues.add(q);
    await persist(ctx, q, store.createQueue(q, undefined));
    // A decision that did not reach the file: memory says off, SQLite says active.
    q.status = 'off';
    await expect(persist(ctx, q, Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    await store.loadQueue(q.recipientId); // queued after the re-read, so it has happened
    const current = ctx.queues.byRecipientId(q.recipientId)!;
    expect(current).not.toBe(q);
    expect(current.status).toBe('active');
    expect(logged.join('\n')).toMatch(/store write failed.*disk full/);
    await store.close();
  });
});
