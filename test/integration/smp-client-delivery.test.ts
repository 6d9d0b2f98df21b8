// Delivery through the SMP client against the real server: redelivery of an unacknowledged
// message after a reconnect (the client re-subscribes by itself), the quota and its marker,
// expiry on the server's clock, reconnect backoff, and many messages through a small in-flight
// window.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/main/engine/log';
import { isServerError, SmpClientError } from '../../src/main/engine/smp';
import { ManualTimers } from '../main/engine/smp/manual-timers';
import {
  Channel,
  EventQueue,
  bodyOf,
  ed25519AuthKey,
  recipientKeys,
  text,
  useSmp,
} from './smp-client-support';

const smp = useSmp();

describe('SMP client: delivery', () => {
  it('delivers an unacknowledged message again after a reconnect, with the same msgId', async () => {
    const dataDir = smp.tempDir();
    let running = await smp.server({ dataDir });
    const { server, port } = running;
    const recipient = smp.client();
    const sender = smp.client();
    const keys = recipientKeys();
    const q = await recipient.createQueue(server, keys);
    const messages = new EventQueue(recipient, 'message');
    const connected = new EventQueue(recipient, 'connected');
    const disconnected = new EventQueue(recipient, 'disconnected');

    await sender.send(server, q.senderId, undefined, text('keep me'));
    const first = await messages.next();
    expect(bodyOf(first)).toBe('keep me');

    // The connection drops before the ACK: the server keeps the message.
    await running.stop();
    expect((await disconnected.next()).error.kind).toBe('NETWORK');
    running = await smp.server({ dataDir, port });
    await connected.next();
    const again = await messages.next();
    expect(again.msgId).toEqual(first.msgId);
    expect(bodyOf(again)).toBe('keep me');
    expect(recipient.isConnected(server)).toBe(true);

    // The subscription goes on as before.
    await recipient.ack(server, q.recipientId, keys.rcvAuthKey, again.msgId);
    await sender.send(server, q.senderId, undefined, text('after'));
    expect(bodyOf(await messages.next())).toBe('after');
  });

  it('reconnects with exponential backoff while the server is down', async () => {
    const dataDir = smp.tempDir();
    let running = await smp.server({ dataDir });
    const { server, port } = running;
    const timers = new ManualTimers();
    const failures = new Channel<string>();
    const log = createLogger({
      level: 'warn',
      sink: (r) => r.msg === 'SMP connection failed' && failures.push(String(r.fields.error)),
    });
    const backoff = { initialMs: 1000, maxMs: 5000, factor: 2, jitter: 0.2 };
    const recipient = smp.client({ timers, log, backoff, random: () => 0.5 });
    const keys = recipientKeys();
    const q = await recipient.createQueue(server, keys);
    const disconnected = new EventQueue(recipient, 'disconnected');
    const connected = new EventQueue(recipient, 'connected');
    const messages = new EventQueue(recipient, 'message');

    await running.stop();
    await disconnected.next();
    // Each failed attempt waits twice as long before the next one, up to the cap.
    for (const delay of [1000, 2000, 4000, 5000]) {
      expect(timers.delays).toEqual([delay]);
      timers.advance(delay);
      expect(await failures.next()).toMatch(/NETWORK/);
    }
    running = await smp.server({ dataDir, port });
    timers.advance(5000);
    await connected.next();
    expect(timers.delays).not.toContain(1000);
    await recipient.send(server, q.senderId, undefined, text('back'));
    expect(bodyOf(await messages.next())).toBe('back');
  });

  it('re-subscribes every queue of a server after a reconnect, in batches', async () => {
    const dataDir = smp.tempDir();
    let running = await smp.server({ dataDir });
    const { server, port } = running;
    const recipient = smp.client();
    const sender = smp.client();
    const queues = await Promise.all(
      Array.from({ length: 60 }, () => recipient.createQueue(server, recipientKeys())),
    );
    const connected = new EventQueue(recipient, 'connected');
    await running.stop();
    running = await smp.server({ dataDir, port });
    await connected.next();
    const messages = new EventQueue(recipient, 'message');
    await Promise.all(
      queues.map((q, i) => sender.send(server, q.senderId, undefined, text(`q${i}`))),
    );
    const got = await messages.take(queues.length);
    const byQueue = new Map(got.map((m) => [Buffer.from(m.rcvId).toString('hex'), bodyOf(m)]));
    queues.forEach((q, i) =>
      expect(byQueue.get(Buffer.from(q.recipientId).toString('hex'))).toBe(`q${i}`),
    );
  });

  it('refuses messages past the quota and, once drained, delivers the quota marker', async () => {
    const { server } = await smp.server();
    const recipient = smp.client();
    const sender = smp.client();
    const keys = recipientKeys();
    const q = await recipient.createQueue(server, { ...keys, queueRequest: { mode: 'messaging' } });
    const sndKey = ed25519AuthKey();
    await sender.secureSndQueue(server, q.senderId, sndKey);
    const messages = new EventQueue(recipient, 'message');

    for (let i = 0; i < 128; i++) await sender.send(server, q.senderId, sndKey, text(`m${i}`));
    for (const attempt of [129, 130]) {
      const e = await sender.send(server, q.senderId, sndKey, text(`m${attempt}`)).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isServerError(e, 'QUOTA')).toBe(true);
    }

    for (let i = 0; i < 128; i++) {
      const m = await messages.next();
      expect(bodyOf(m)).toBe(`m${i}`);
      await recipient.ack(server, q.recipientId, keys.rcvAuthKey, m.msgId);
    }
    const marker = await messages.next();
    expect(marker.message.type).toBe('quota');
    // Until the marker is acknowledged the queue stays closed to the sender.
    const early = await sender
      .send(server, q.senderId, sndKey, text('early'))
      .catch((e: unknown) => e);
    expect(isServerError(early, 'QUOTA')).toBe(true);
    await recipient.ack(server, q.recipientId, keys.rcvAuthKey, marker.msgId);

    await sender.send(server, q.senderId, sndKey, text('room again'));
    expect(bodyOf(await messages.next())).toBe('room again');
  });

  it('expires undelivered messages by the server clock', async () => {
    let now = Date.UTC(2030, 0, 1);
    const running = await smp.server({ clock: { now: () => now }, messageTtlSeconds: 3600 });
    const { server } = running;
    const recipient = smp.client();
    const keys = recipientKeys();
    const q = await recipient.createQueue(server, { ...keys, subscribe: false });
    await recipient.send(server, q.senderId, undefined, text('old 1'));
    now += 1000_000;
    await recipient.send(server, q.senderId, undefined, text('old 2'));
    now += 3_600_000 - 1000_000 + 1000;
    // 'old 1' is past its hour, 'old 2' is not yet.
    expect(running.expireMessages()).toBe(1);
    now += 1000_000;
    expect(running.expireMessages()).toBe(1);
    await recipient.send(server, q.senderId, undefined, text('fresh'));

    const rk = { rcvAuthKey: keys.rcvAuthKey, rcvDhSecret: q.rcvDhSecret };
    const got = await recipient.get(server, q.recipientId, rk);
    expect(got?.message).toMatchObject({ type: 'message', timestamp: Math.floor(now / 1000) });
    expect(got?.message.type === 'message' && new TextDecoder().decode(got.message.body)).toBe(
      'fresh',
    );
  });

  it('pipelines many commands through a small in-flight window, in order', async () => {
    const { server } = await smp.server();
    const recipient = smp.client();
    const sender = smp.client({ maxInFlight: 4 });
    const keys = recipientKeys();
    const q = await recipient.createQueue(server, keys);
    const messages = new EventQueue(recipient, 'message');
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        sender.send(server, q.senderId, undefined, text(`n${i}`)),
      ),
    );
    for (let i = 0; i < 100; i++) {
      const m = await messages.next();
      expect(bodyOf(m)).toBe(`n${i}`);
      await recipient.ack(server, q.recipientId, keys.rcvAuthKey, m.msgId);
    }
  });

  it('fails commands with CLOSED after the client is closed', async () => {
    const { server } = await smp.server();
    const client = smp.client();
    await client.ping(server);
    client.close();
    const e = await client.ping(server).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SmpClientError);
    expect((e as SmpClientError).kind).toBe('CLOSED');
  });
});
