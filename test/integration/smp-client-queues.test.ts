// The SMP client against the real server on loopback: queue life cycle (create, secure by the
// sender or the recipient, send, receive, ack, get, suspend, delete) and who gets END and DELD.
import { describe, expect, it } from 'vitest';
import { authKeySpki, isServerError } from '../../src/main/engine/smp';
import {
  EventQueue,
  bodyOf,
  ed25519AuthKey,
  recipientKeys,
  rejection,
  text,
  useSmp,
  x25519AuthKey,
} from './smp-client-support';

const smp = useSmp();

describe('SMP client: queues', () => {
  it('creates a queue, the sender secures it (SKEY) and sends, the recipient receives and acks', async () => {
    const { server } = await smp.server();
    const recipient = smp.client();
    const sender = smp.client();
    const keys = recipientKeys();
    // Messaging mode: the sender may secure it (SKEY).
    const q = await recipient.createQueue(server, { ...keys, queueRequest: { mode: 'messaging' } });
    expect(q.queueMode).toBe('messaging');
    expect(q.recipientId.length).toBe(24);
    expect(q.senderId.length).toBe(24);
    expect(q.rcvDhSecret.length).toBe(32);
    const messages = new EventQueue(recipient, 'message');

    const sndKey = ed25519AuthKey();
    await sender.secureSndQueue(server, q.senderId, sndKey);
    // Idempotent with the same key (a retry), refused with another.
    await sender.secureSndQueue(server, q.senderId, sndKey);
    expect(
      isServerError(
        await rejection(sender.secureSndQueue(server, q.senderId, ed25519AuthKey())),
        'AUTH',
      ),
    ).toBe(true);

    await sender.send(server, q.senderId, sndKey, text('hello'));
    await sender.send(server, q.senderId, sndKey, text('again'), { notification: true });
    const first = await messages.next();
    expect(first.rcvId).toEqual(q.recipientId);
    expect(first.server).toBe(server);
    expect(bodyOf(first)).toBe('hello');
    expect(first.message).toMatchObject({ type: 'message', notification: false });

    // One message at a time: the second waits for the ACK of the first.
    const info = await recipient.queueInfo(server, q.recipientId, keys.rcvAuthKey);
    expect(info.qiSize).toBe(2);
    expect(messages.buffered).toBe(0);
    await recipient.ack(server, q.recipientId, keys.rcvAuthKey, first.msgId);
    const second = await messages.next();
    expect(bodyOf(second)).toBe('again');
    expect(second.message).toMatchObject({ type: 'message', notification: true });
    expect(second.msgId).not.toEqual(first.msgId);
    await recipient.ack(server, q.recipientId, keys.rcvAuthKey, second.msgId);
    expect((await recipient.queueInfo(server, q.recipientId, keys.rcvAuthKey)).qiSize).toBe(0);

    // Once secured, only the sender key may send.
    expect(
      isServerError(await rejection(sender.send(server, q.senderId, undefined, text('x'))), 'AUTH'),
    ).toBe(true);
    expect(
      isServerError(
        await rejection(sender.send(server, q.senderId, ed25519AuthKey(), text('x'))),
        'AUTH',
      ),
    ).toBe(true);
  });

  it('lets the recipient secure the queue (KEY) with the sender key it was given', async () => {
    const { server } = await smp.server();
    const recipient = smp.client();
    const sender = smp.client();
    const keys = recipientKeys();
    const q = await recipient.createQueue(server, keys);
    const messages = new EventQueue(recipient, 'message');
    // Not a messaging-mode queue: the sender cannot secure it.
    const refused = await rejection(sender.secureSndQueue(server, q.senderId, ed25519AuthKey()));
    expect(refused.kind).toBe('SERVER');

    // Unsecured: anyone with the sender id may send (the confirmation).
    await sender.send(server, q.senderId, undefined, text('confirmation'));
    const confirmation = await messages.next();
    expect(bodyOf(confirmation)).toBe('confirmation');
    await recipient.ack(server, q.recipientId, keys.rcvAuthKey, confirmation.msgId);

    const sndKey = ed25519AuthKey();
    await recipient.secureQueue(server, q.recipientId, keys.rcvAuthKey, authKeySpki(sndKey));
    expect(
      isServerError(await rejection(sender.send(server, q.senderId, undefined, text('x'))), 'AUTH'),
    ).toBe(true);
    await sender.send(server, q.senderId, sndKey, text('secured'));
    expect(bodyOf(await messages.next())).toBe('secured');
  });

  it('authorizes with X25519 keys (authenticators) as well as Ed25519 signatures', async () => {
    const { server } = await smp.server();
    const recipient = smp.client();
    const sender = smp.client();
    const keys = recipientKeys(x25519AuthKey());
    const q = await recipient.createQueue(server, { ...keys, queueRequest: { mode: 'messaging' } });
    const messages = new EventQueue(recipient, 'message');
    const sndKey = x25519AuthKey();
    await sender.secureSndQueue(server, q.senderId, sndKey);
    await sender.send(server, q.senderId, sndKey, text('deniable'));
    const m = await messages.next();
    expect(bodyOf(m)).toBe('deniable');
    await recipient.ack(server, q.recipientId, keys.rcvAuthKey, m.msgId);
    // The wrong X25519 key fails the same way a wrong signature does.
    const wrong = await rejection(recipient.queueInfo(server, q.recipientId, x25519AuthKey()));
    expect(isServerError(wrong, 'AUTH')).toBe(true);
  });

  it('GET fetches one message from a queue that is not subscribed', async () => {
    const { server } = await smp.server();
    const recipient = smp.client();
    const keys = recipientKeys();
    const q = await recipient.createQueue(server, { ...keys, subscribe: false });
    const rk = { rcvAuthKey: keys.rcvAuthKey, rcvDhSecret: q.rcvDhSecret };
    expect(await recipient.get(server, q.recipientId, rk)).toBeUndefined();
    await recipient.send(server, q.senderId, undefined, text('fetched'));
    const got = await recipient.get(server, q.recipientId, rk);
    expect(got?.message.type === 'message' && new TextDecoder().decode(got.message.body)).toBe(
      'fetched',
    );
    await recipient.ack(server, q.recipientId, keys.rcvAuthKey, got!.msgId);
    expect(await recipient.get(server, q.recipientId, rk)).toBeUndefined();
  });

  it('refuses recipient commands with another key, and does not keep such a subscription', async () => {
    const { server } = await smp.server();
    const owner = smp.client();
    const stranger = smp.client();
    const keys = recipientKeys();
    const q = await owner.createQueue(server, keys);
    const wrong = { rcvAuthKey: ed25519AuthKey(), rcvDhSecret: q.rcvDhSecret };
    expect(
      isServerError(await rejection(stranger.subscribe(server, q.recipientId, wrong)), 'AUTH'),
    ).toBe(true);
    expect(
      isServerError(
        await rejection(stranger.deleteQueue(server, q.recipientId, wrong.rcvAuthKey)),
        'AUTH',
      ),
    ).toBe(true);
    expect(
      isServerError(
        await rejection(stranger.ack(server, q.recipientId, wrong.rcvAuthKey, new Uint8Array(24))),
        'AUTH',
      ),
    ).toBe(true);
    // A queue that does not exist answers the same.
    expect(
      isServerError(
        await rejection(stranger.queueInfo(server, new Uint8Array(24).fill(1), wrong.rcvAuthKey)),
        'AUTH',
      ),
    ).toBe(true);
  });

  it('sends END to the first subscriber when another connection subscribes', async () => {
    const { server } = await smp.server();
    const first = smp.client();
    const second = smp.client();
    const sender = smp.client();
    const keys = recipientKeys();
    const q = await first.createQueue(server, keys);
    const ends = new EventQueue(first, 'end');
    const firstMessages = new EventQueue(first, 'message');
    const secondMessages = new EventQueue(second, 'message');

    await second.subscribe(server, q.recipientId, {
      rcvAuthKey: keys.rcvAuthKey,
      rcvDhSecret: q.rcvDhSecret,
    });
    const end = await ends.next();
    expect(end.rcvId).toEqual(q.recipientId);

    await sender.send(server, q.senderId, undefined, text('to the second'));
    expect(bodyOf(await secondMessages.next())).toBe('to the second');
    await first.ping(server);
    expect(firstMessages.buffered).toBe(0);
  });

  it('OFF stops senders; DEL deletes the queue and tells its subscriber (DELD)', async () => {
    const { server } = await smp.server();
    const subscriber = smp.client();
    const owner = smp.client();
    const sender = smp.client();
    const keys = recipientKeys();
    const q = await subscriber.createQueue(server, keys);
    const deleted = new EventQueue(subscriber, 'deleted');

    await owner.suspend(server, q.recipientId, keys.rcvAuthKey);
    expect(
      isServerError(await rejection(sender.send(server, q.senderId, undefined, text('x'))), 'AUTH'),
    ).toBe(true);

    await owner.deleteQueue(server, q.recipientId, keys.rcvAuthKey);
    expect((await deleted.next()).rcvId).toEqual(q.recipientId);
    expect(
      isServerError(
        await rejection(owner.queueInfo(server, q.recipientId, keys.rcvAuthKey)),
        'AUTH',
      ),
    ).toBe(true);
    expect(
      isServerError(await rejection(sender.send(server, q.senderId, undefined, text('x'))), 'AUTH'),
    ).toBe(true);
  });

  it('refuses a message larger than the version allows before sending it', async () => {
    const { server } = await smp.server();
    const client = smp.client();
    const q = await client.createQueue(server, recipientKeys());
    const e = await rejection(client.send(server, q.senderId, undefined, new Uint8Array(16_049)));
    expect(e.kind).toBe('BAD_REQUEST');
    await client.send(server, q.senderId, undefined, new Uint8Array(16_048));
  });
});
