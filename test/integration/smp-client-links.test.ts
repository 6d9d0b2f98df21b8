// Short-link data through the SMP client against the real server (§4.4): contact links read
// with LGET by anyone, updated with LSET (fixed data and link id immutable, user data
// replaceable) and removed with LDEL; one-time invitations read with LKEY, which secures the
// queue and may be repeated only with the same key.
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/protocol/crypto';
import { isServerError } from '../../src/main/engine/smp';
import type { QueueLinkData } from '../../src/protocol/smp';
import { ed25519AuthKey, recipientKeys, rejection, text, useSmp } from './smp-client-support';

const smp = useSmp();

const linkData = (): QueueLinkData => ({
  fixedData: randomBytes(2048),
  userData: randomBytes(13_824),
});

describe('SMP client: link data', () => {
  it('contact links: anyone reads them, the owner replaces only the user data', async () => {
    const { server } = await smp.server();
    const owner = smp.client();
    const reader = smp.client();
    const keys = recipientKeys();
    const linkId = randomBytes(24);
    const data = linkData();
    let senderId: Uint8Array | undefined;
    const q = await owner.createQueue(server, {
      ...keys,
      queueRequest: (sid) => {
        senderId = sid;
        return { mode: 'contact', link: { linkId, senderId: sid, data } };
      },
    });
    // The sender id the link data names is the one the server assigned.
    expect(q.senderId).toEqual(senderId);
    expect(q.linkId).toEqual(linkId);
    expect(q.queueMode).toBe('contact');

    const read = await reader.getLinkData(server, linkId);
    expect(read.senderId).toEqual(q.senderId);
    expect(read.data).toEqual(data);
    // Any number of times.
    expect((await reader.getLinkData(server, linkId)).data).toEqual(data);

    const updated = { fixedData: data.fixedData, userData: randomBytes(500) };
    await owner.setLinkData(server, q.recipientId, keys.rcvAuthKey, linkId, updated);
    expect((await reader.getLinkData(server, linkId)).data).toEqual(updated);

    // The fixed data and the link id never change.
    const otherFixed = { fixedData: randomBytes(2048), userData: updated.userData };
    const e1 = await rejection(
      owner.setLinkData(server, q.recipientId, keys.rcvAuthKey, linkId, otherFixed),
    );
    expect(isServerError(e1, 'AUTH')).toBe(true);
    const e2 = await rejection(
      owner.setLinkData(server, q.recipientId, keys.rcvAuthKey, randomBytes(24), updated),
    );
    expect(isServerError(e2, 'AUTH')).toBe(true);
    // Only a recipient key of the queue may set it.
    const e3 = await rejection(
      owner.setLinkData(server, q.recipientId, ed25519AuthKey(), linkId, updated),
    );
    expect(isServerError(e3, 'AUTH')).toBe(true);
    expect((await reader.getLinkData(server, linkId)).data).toEqual(updated);

    // Contact queues are never secured: anyone may send.
    await reader.send(server, q.senderId, undefined, text('request'));

    await owner.deleteLinkData(server, q.recipientId, keys.rcvAuthKey);
    expect(isServerError(await rejection(reader.getLinkData(server, linkId)), 'AUTH')).toBe(true);
  });

  it('one-time invitations: LKEY reads and secures, again only with the same key', async () => {
    const { server } = await smp.server();
    const owner = smp.client();
    const reader = smp.client();
    const intruder = smp.client();
    const keys = recipientKeys();
    const data = linkData();
    const q = await owner.createQueue(server, {
      ...keys,
      queueRequest: (senderId) => ({ mode: 'messaging', link: { senderId, data } }),
    });
    expect(q.queueMode).toBe('messaging');
    const linkId = q.linkId;
    if (!linkId) throw new Error('the server assigned no link id');
    expect(linkId.length).toBe(24);

    // Invitations cannot be read without securing them.
    expect((await rejection(reader.getLinkData(server, linkId))).kind).toBe('SERVER');

    const sndKey = ed25519AuthKey();
    const read = await reader.secureGetLinkData(server, linkId, sndKey);
    expect(read.senderId).toEqual(q.senderId);
    expect(read.data).toEqual(data);
    // A retry with the same key is fine; anyone else is refused (and the reader can tell).
    expect((await reader.secureGetLinkData(server, linkId, sndKey)).data).toEqual(data);
    const stolen = await rejection(intruder.secureGetLinkData(server, linkId, ed25519AuthKey()));
    expect(isServerError(stolen, 'AUTH')).toBe(true);

    // LKEY secured the queue: the reader skips SKEY, and others cannot send.
    expect(
      isServerError(
        await rejection(intruder.send(server, q.senderId, undefined, text('x'))),
        'AUTH',
      ),
    ).toBe(true);
    await reader.send(server, q.senderId, sndKey, text('confirmation'));

    // A secured messaging queue's link data cannot be set any more.
    const e = await rejection(
      owner.setLinkData(server, q.recipientId, keys.rcvAuthKey, linkId, data),
    );
    expect(isServerError(e, 'AUTH')).toBe(true);
  });

  it('LSET adds link data to a contact queue created without it', async () => {
    const { server } = await smp.server();
    const owner = smp.client();
    const keys = recipientKeys();
    const q = await owner.createQueue(server, { ...keys, queueRequest: { mode: 'contact' } });
    expect(q.linkId).toBeUndefined();
    const linkId = randomBytes(24);
    const data = linkData();
    await owner.setLinkData(server, q.recipientId, keys.rcvAuthKey, linkId, data);
    expect((await owner.getLinkData(server, linkId)).data).toEqual(data);
  });
});
