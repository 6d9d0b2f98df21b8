// Delivery semantics of §1.5 over real TLS connections: one unacknowledged message per
// subscription, ACK delivers the next, GET, redelivery after reconnect, one subscriber per queue
// (END), the quota with its marker, expiry with a controllable clock, and recovery from SQLite.
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/temp-dir';
import {
  createQueue,
  expectResponse,
  messageText,
  openMessage,
  recipientRequest,
  sendTo,
  useSmpServers,
} from '../../support/smp-test-server';
import type { Received } from '../../support/smp-raw-connection';

const tempDir = useTempDirs();
const startServer = useSmpServers();

const msgId = (r: Received) => expectResponse(r, 'MSG').msgId;

describe('subscription delivery', () => {
  it('delivers one message at a time; ACK answers with the next MSG, then OK', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c);
    for (const t of ['one', 'two', 'three']) expectResponse(await sendTo(c, q, t), 'OK');
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    const first = await c.nextEvent();
    expect(first.corrId).toHaveLength(0);
    expect(first.entityId).toEqual(q.recipientId);
    expect(messageText(q, first)).toBe('one');
    const second = await recipientRequest(c, q, { type: 'ACK', msgId: msgId(first) });
    expect(messageText(q, second)).toBe('two');
    const third = await recipientRequest(c, q, { type: 'ACK', msgId: msgId(second) });
    expect(messageText(q, third)).toBe('three');
    expectResponse(await recipientRequest(c, q, { type: 'ACK', msgId: msgId(third) }), 'OK');
    expect(c.pendingEvents).toBe(0);
  });

  it('pushes a message sent to an idle subscribed queue at once', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c);
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    const sender = await s.connect();
    expectResponse(await sendTo(sender, q, 'hello'), 'OK');
    const ev = await c.nextEvent();
    expect(messageText(q, ev)).toBe('hello');
    // The next one waits for the ACK.
    expectResponse(await sendTo(sender, q, 'second'), 'OK');
    expect(messageText(q, await recipientRequest(c, q, { type: 'ACK', msgId: msgId(ev) }))).toBe(
      'second',
    );
  });

  it('answers an ACK of another message, or with nothing delivered, with NO_MSG', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c);
    expect(
      expectResponse(
        await recipientRequest(c, q, { type: 'ACK', msgId: new Uint8Array(24) }),
        'ERR',
      ).error,
    ).toEqual({
      type: 'NO_MSG',
    });
    expectResponse(await sendTo(c, q, 'm'), 'OK');
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    const m = await c.nextEvent();
    const wrong = await recipientRequest(c, q, { type: 'ACK', msgId: new Uint8Array(24).fill(7) });
    expect(expectResponse(wrong, 'ERR').error).toEqual({ type: 'NO_MSG' });
    // An empty msgId acknowledges the delivered message.
    expectResponse(await recipientRequest(c, q, { type: 'ACK', msgId: new Uint8Array(0) }), 'OK');
    expect(
      expectResponse(await recipientRequest(c, q, { type: 'ACK', msgId: msgId(m) }), 'ERR').error,
    ).toEqual({
      type: 'NO_MSG',
    });
  });

  it('redelivers the unacknowledged message, with the same msgId, after a reconnect', async () => {
    const s = await startServer(tempDir());
    const first = await s.connect();
    const q = await createQueue(first);
    expectResponse(await sendTo(first, q, 'kept'), 'OK');
    expectResponse(await recipientRequest(first, q, { type: 'SUB' }), 'SOK');
    const delivered = await first.nextEvent();
    first.close();
    await first.closed;
    const second = await s.connect();
    expectResponse(await recipientRequest(second, q, { type: 'SUB' }), 'SOK');
    const again = await second.nextEvent();
    expect(msgId(again)).toEqual(msgId(delivered));
    expect(messageText(q, again)).toBe('kept');
  });

  it('a repeated SUB on the same connection delivers the unacknowledged message again', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c);
    expectResponse(await sendTo(c, q, 'again'), 'OK');
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    const one = await c.nextEvent();
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    expect(msgId(await c.nextEvent())).toEqual(msgId(one));
  });

  it('allows one subscriber per queue: the previous one gets END', async () => {
    const s = await startServer(tempDir());
    const a = await s.connect();
    const q = await createQueue(a, { subscribe: true });
    const b = await s.connect();
    expectResponse(await recipientRequest(b, q, { type: 'SUB' }), 'SOK');
    const end = await a.nextEvent();
    expectResponse(end, 'END');
    expect(end.entityId).toEqual(q.recipientId);
    // Messages now go to b only.
    expectResponse(await sendTo(a, q, 'for b'), 'OK');
    expect(messageText(q, await b.nextEvent())).toBe('for b');
    expect(a.pendingEvents).toBe(0);
    // a no longer holds a subscription: its ACK finds nothing delivered.
    expect(
      expectResponse(await recipientRequest(a, q, { type: 'ACK', msgId: new Uint8Array(0) }), 'ERR')
        .error,
    ).toEqual({ type: 'NO_MSG' });
  });
});

describe('GET', () => {
  it('reads one message without subscribing; ACK deletes it', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c);
    expectResponse(await recipientRequest(c, q, { type: 'GET' }), 'OK');
    expectResponse(await sendTo(c, q, 'a'), 'OK');
    expectResponse(await sendTo(c, q, 'b'), 'OK');
    const a = await recipientRequest(c, q, { type: 'GET' });
    expect(messageText(q, a)).toBe('a');
    // GET again before ACK returns the same message.
    expect(msgId(await recipientRequest(c, q, { type: 'GET' }))).toEqual(msgId(a));
    expectResponse(await recipientRequest(c, q, { type: 'ACK', msgId: msgId(a) }), 'OK');
    expect(messageText(q, await recipientRequest(c, q, { type: 'GET' }))).toBe('b');
  });

  it('is prohibited on a queue subscribed on the same connection, and SUB after GET too', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const q = await createQueue(c, { subscribe: true });
    const prohibited = { type: 'CMD', cmdErr: 'PROHIBITED' };
    expect(expectResponse(await recipientRequest(c, q, { type: 'GET' }), 'ERR').error).toEqual(
      prohibited,
    );
    const other = await s.connect();
    const q2 = await createQueue(other);
    expectResponse(await recipientRequest(other, q2, { type: 'GET' }), 'OK');
    expect(expectResponse(await recipientRequest(other, q2, { type: 'SUB' }), 'ERR').error).toEqual(
      prohibited,
    );
  });
});

describe('quota', () => {
  it('answers QUOTA when full and delivers the QUOTA marker after the recipient drained it', async () => {
    const s = await startServer(tempDir(), { quota: 3 });
    const c = await s.connect();
    const q = await createQueue(c);
    for (const t of ['1', '2', '3']) expectResponse(await sendTo(c, q, t), 'OK');
    expect(expectResponse(await sendTo(c, q, '4'), 'ERR').error).toEqual({ type: 'QUOTA' });
    expect(expectResponse(await sendTo(c, q, '5'), 'ERR').error).toEqual({ type: 'QUOTA' });
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    let r = await c.nextEvent();
    const seen: string[] = [];
    for (;;) {
      const m = openMessage(q, expectResponse(r, 'MSG'));
      if (m.type === 'quota') break;
      seen.push(new TextDecoder().decode(m.body));
      r = await recipientRequest(c, q, { type: 'ACK', msgId: msgId(r) });
    }
    expect(seen).toEqual(['1', '2', '3']);
    // Still full until the marker itself is acknowledged.
    expect(expectResponse(await sendTo(c, q, '6'), 'ERR').error).toEqual({ type: 'QUOTA' });
    expectResponse(await recipientRequest(c, q, { type: 'ACK', msgId: msgId(r) }), 'OK');
    expectResponse(await sendTo(c, q, '7'), 'OK');
    expect(messageText(q, await c.nextEvent())).toBe('7');
  });
});

describe('expiry', () => {
  it('never delivers a message older than the TTL, on read and by the sweep', async () => {
    const s = await startServer(tempDir(), { messageTtlSeconds: 3600 });
    const c = await s.connect();
    const q = await createQueue(c);
    expectResponse(await sendTo(c, q, 'old'), 'OK');
    s.clock.advanceSeconds(1800);
    expectResponse(await sendTo(c, q, 'newer'), 'OK');
    s.clock.advanceSeconds(1801);
    // 'old' is now past the TTL: it is removed on read and 'newer' comes first.
    expect(messageText(q, await recipientRequest(c, q, { type: 'GET' }))).toBe('newer');
    s.clock.advanceSeconds(3600);
    expect(s.running.expireMessages()).toBe(1);
    expect(expectResponse(await recipientRequest(c, q, { type: 'QUE' }), 'INFO').info.qiSize).toBe(
      0,
    );
  });
});

describe('recovery', () => {
  it('keeps queues, keys, messages and the quota state across a restart', async () => {
    const dir = tempDir();
    const s = await startServer(dir, { quota: 2 });
    const c = await s.connect();
    const q = await createQueue(c);
    expectResponse(await sendTo(c, q, 'a'), 'OK');
    expectResponse(await sendTo(c, q, 'b'), 'OK');
    expect(expectResponse(await sendTo(c, q, 'c'), 'ERR').error).toEqual({ type: 'QUOTA' });
    expectResponse(await recipientRequest(c, q, { type: 'OFF' }), 'OK');
    c.close();
    await s.running.stop();

    const again = await startServer(dir, { quota: 2 });
    const d = await again.connect();
    expect(expectResponse(await sendTo(d, q, 'd'), 'ERR').error).toEqual({ type: 'AUTH' });
    expectResponse(await recipientRequest(d, q, { type: 'SUB' }), 'SOK');
    const a = await d.nextEvent();
    expect(messageText(q, a)).toBe('a');
    const b = await recipientRequest(d, q, { type: 'ACK', msgId: msgId(a) });
    expect(messageText(q, b)).toBe('b');
    const marker = await recipientRequest(d, q, { type: 'ACK', msgId: msgId(b) });
    expect(openMessage(q, expectResponse(marker, 'MSG')).type).toBe('quota');
  });
});
