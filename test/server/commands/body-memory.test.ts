// Bodies of subscribed queues in memory: what a subscriber is sent after an ACK comes from
// memory, a body SQLite must supply is read once and ahead of its turn, and nothing is kept for
// a queue whose subscriber has gone. SQLite stays the record of every body (see delivery.test).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Subscribers } from '../../../src/server/queues/subscribers';
import { QueueStore } from '../../../src/server/store/queue-store';
import { useTempDirs } from '../../support/temp-dir';
import {
  createQueue,
  expectResponse,
  messageText,
  recipientRequest,
  sendTo,
  useSmpServers,
} from '../../support/smp-test-server';
import type { Received } from '../../support/smp-raw-connection';

const tempDir = useTempDirs();
const startServer = useSmpServers();
const msgId = (r: Received) => expectResponse(r, 'MSG').msgId;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('message bodies in memory', () => {
  it('answers ACKs on a subscribed queue without reading SQLite', async () => {
    const reads = vi.spyOn(QueueStore.prototype, 'readBody');
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c, { subscribe: true });
    const sender = await s.connect();
    for (const t of ['one', 'two', 'three']) expectResponse(await sendTo(sender, q, t), 'OK');
    const first = await c.nextEvent();
    expect(messageText(q, first)).toBe('one');
    const second = await recipientRequest(c, q, { type: 'ACK', msgId: msgId(first) });
    expect(messageText(q, second)).toBe('two');
    const third = await recipientRequest(c, q, { type: 'ACK', msgId: msgId(second) });
    expect(messageText(q, third)).toBe('three');
    expectResponse(await recipientRequest(c, q, { type: 'ACK', msgId: msgId(third) }), 'OK');
    expect(reads).not.toHaveBeenCalled();
  });

  it('reads a waiting body from SQLite once, ahead of the ACK that delivers it', async () => {
    const reads = vi.spyOn(QueueStore.prototype, 'readBody');
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c);
    for (const t of ['one', 'two', 'three']) expectResponse(await sendTo(c, q, t), 'OK');
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    let delivered = await c.nextEvent();
    for (const [i, next] of ['two', 'three'].entries()) {
      // The delivered body and the next one have been read (and the reads have landed).
      await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(i + 2));
      await Promise.all(reads.mock.results.map((r) => r.value as Promise<unknown>));
      delivered = await recipientRequest(c, q, { type: 'ACK', msgId: msgId(delivered) });
      expect(messageText(q, delivered)).toBe(next);
    }
    expectResponse(await recipientRequest(c, q, { type: 'ACK', msgId: msgId(delivered) }), 'OK');
    const rowIds = reads.mock.calls.map(([rowId]) => rowId);
    expect(new Set(rowIds).size).toBe(3);
    expect(rowIds).toHaveLength(3);
  });

  it('keeps nothing for a queue whose subscriber has gone', async () => {
    const reads = vi.spyOn(QueueStore.prototype, 'readBody');
    const released = vi.spyOn(Subscribers.prototype, 'release');
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c, { subscribe: true });
    const sender = await s.connect();
    for (const t of ['one', 'two']) expectResponse(await sendTo(sender, q, t), 'OK');
    expect(messageText(q, await c.nextEvent())).toBe('one');
    c.close();
    await vi.waitFor(() => expect(released).toHaveBeenCalled());
    expect(reads).not.toHaveBeenCalled();
    const again = await s.connect();
    expectResponse(await recipientRequest(again, q, { type: 'SUB' }), 'SOK');
    expect(messageText(q, await again.nextEvent())).toBe('one');
    // Both bodies come from SQLite now: the delivered one, and the next one read ahead.
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(2));
  });

  it('delivers everything from SQLite when no memory is allowed for bodies', async () => {
    const reads = vi.spyOn(QueueStore.prototype, 'readBody');
    const s = await startServer(tempDir(), { limits: { cachedBodyBytes: 0 } });
    const c = await s.connect();
    const q = await createQueue(c, { subscribe: true });
    const sender = await s.connect();
    for (const t of ['one', 'two']) expectResponse(await sendTo(sender, q, t), 'OK');
    const first = await c.nextEvent();
    expect(messageText(q, first)).toBe('one');
    const second = await recipientRequest(c, q, { type: 'ACK', msgId: msgId(first) });
    expect(messageText(q, second)).toBe('two');
    expect(reads).toHaveBeenCalled();
  });
});
