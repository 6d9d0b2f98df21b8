// Short-link commands (§4.4) over real TLS connections: NEW with link data, LSET's
// immutability rules, LDEL, LGET for contact links only, LKEY securing invitations.
import { describe, expect, it } from 'vitest';
import { ed25519KeyPair, randomBytes } from '../../../src/protocol/crypto';
import { senderIdFromCorrId, type QueueLinkData } from '../../../src/protocol/smp';
import { useTempDirs } from '../../support/temp-dir';
import {
  createQueue,
  expectResponse,
  recipientRequest,
  sendTo,
  spkiOf,
  useSmpServers,
  type TestQueue,
} from '../../support/smp-test-server';
import type { SmpRawConnection } from '../../support/smp-raw-connection';

const tempDir = useTempDirs();
const startServer = useSmpServers();

const blobs = (): QueueLinkData => ({ fixedData: randomBytes(2048), userData: randomBytes(13824) });

async function contactLink(c: SmpRawConnection, data = blobs()) {
  const corrId = randomBytes(24);
  const linkId = randomBytes(24);
  const q = await createQueue(c, {
    corrId,
    queueRequest: { mode: 'contact', link: { linkId, senderId: senderIdFromCorrId(corrId), data } },
  });
  return { q, linkId, data };
}

async function invitation(c: SmpRawConnection, data = blobs()) {
  const corrId = randomBytes(24);
  const q = await createQueue(c, {
    corrId,
    queueRequest: { mode: 'messaging', link: { senderId: senderIdFromCorrId(corrId), data } },
  });
  return { q, linkId: q.linkId!, data };
}

const lset = (c: SmpRawConnection, q: TestQueue, linkId: Uint8Array, data: QueueLinkData) =>
  recipientRequest(c, q, { type: 'LSET', linkId, data });
const lget = (c: SmpRawConnection, linkId: Uint8Array) =>
  c.request({ type: 'LGET' }, { entityId: linkId });
const AUTH = { type: 'AUTH' };

describe('contact links', () => {
  it('NEW stores the link data; LGET reads it without authorization, any number of times', async () => {
    const s = await startServer(tempDir());
    const owner = await s.connect();
    const { q, linkId, data } = await contactLink(owner);
    expect(q.linkId).toEqual(linkId);
    const reader = await s.connect();
    for (let i = 0; i < 2; i++) {
      const r = await lget(reader, linkId);
      expect(r.entityId).toEqual(linkId);
      expect(expectResponse(r, 'LNK')).toEqual({ type: 'LNK', senderId: q.senderId, data });
    }
    expect(expectResponse(await lget(reader, randomBytes(24)), 'ERR').error).toEqual(AUTH);
  });

  it('LSET may replace only the user data: link id and fixed data are immutable', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const { q, linkId, data } = await contactLink(c);
    const updated = { fixedData: data.fixedData, userData: randomBytes(500) };
    expectResponse(await lset(c, q, linkId, updated), 'OK');
    expect(expectResponse(await lget(c, linkId), 'LNK').data).toEqual(updated);
    const otherFixed = { fixedData: randomBytes(2048), userData: randomBytes(10) };
    expect(expectResponse(await lset(c, q, linkId, otherFixed), 'ERR').error).toEqual(AUTH);
    expect(expectResponse(await lset(c, q, randomBytes(24), updated), 'ERR').error).toEqual(AUTH);
    expect(expectResponse(await lget(c, linkId), 'LNK').data).toEqual(updated);
  });

  it('LSET needs a recipient key and a link id no other queue uses', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const first = await contactLink(c);
    const plain = await createQueue(c, { queueRequest: { mode: 'contact' } });
    const stranger = { ...plain, recipientKey: ed25519KeyPair() };
    expect(expectResponse(await lset(c, stranger, randomBytes(24), blobs()), 'ERR').error).toEqual(
      AUTH,
    );
    expect(expectResponse(await lset(c, plain, first.linkId, blobs()), 'ERR').error).toEqual(AUTH);
    const linkId = randomBytes(24);
    const data = blobs();
    expectResponse(await lset(c, plain, linkId, data), 'OK');
    expect(expectResponse(await lget(c, linkId), 'LNK')).toMatchObject({
      senderId: plain.senderId,
      data,
    });
  });

  it('LDEL removes the link data; the link id can then be set afresh', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const { q, linkId } = await contactLink(c);
    expectResponse(await recipientRequest(c, q, { type: 'LDEL' }), 'OK');
    expect(expectResponse(await lget(c, linkId), 'ERR').error).toEqual(AUTH);
    expectResponse(await recipientRequest(c, q, { type: 'LDEL' }), 'OK');
    const fresh = blobs();
    expectResponse(await lset(c, q, linkId, fresh), 'OK');
    expect(expectResponse(await lget(c, linkId), 'LNK').data).toEqual(fresh);
  });
});

describe('one-time invitations', () => {
  it('LGET cannot read an invitation; LKEY secures the queue and returns the data', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const { q, linkId, data } = await invitation(c);
    expect(expectResponse(await lget(c, linkId), 'ERR').error).toEqual(AUTH);
    const reader = await s.connect();
    const k = ed25519KeyPair();
    const lkey = () =>
      reader.request(
        { type: 'LKEY', senderKey: spkiOf(k) },
        { entityId: linkId, key: k.privateKey },
      );
    expect(expectResponse(await lkey(), 'LNK')).toEqual({
      type: 'LNK',
      senderId: q.senderId,
      data,
    });
    // A retry with the same key is allowed; any other key is refused.
    expectResponse(await lkey(), 'LNK');
    const other = ed25519KeyPair();
    const r = await reader.request(
      { type: 'LKEY', senderKey: spkiOf(other) },
      { entityId: linkId, key: other.privateKey },
    );
    expect(expectResponse(r, 'ERR').error).toEqual(AUTH);
    // The queue is secured: only SENDs signed by the reader's key are accepted.
    expect(expectResponse(await sendTo(reader, q, 'x'), 'ERR').error).toEqual(AUTH);
    expectResponse(await sendTo(reader, q, 'confirmation', k), 'OK');
  });

  it('refuses LSET once the invitation queue is secured, and drops the data after the first message', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    const { q, linkId, data } = await invitation(c);
    // Unsecured: the user data may still change.
    expectResponse(await lset(c, q, linkId, { ...data, userData: randomBytes(100) }), 'OK');
    const k = ed25519KeyPair();
    expectResponse(
      await c.request(
        { type: 'SKEY', senderKey: spkiOf(k) },
        { entityId: q.senderId, key: k.privateKey },
      ),
      'OK',
    );
    expect(expectResponse(await lset(c, q, linkId, data), 'ERR').error).toEqual(AUTH);
    expectResponse(await sendTo(c, q, 'hello', k), 'OK');
    const lkey = await c.request(
      { type: 'LKEY', senderKey: spkiOf(k) },
      { entityId: linkId, key: k.privateKey },
    );
    expect(expectResponse(lkey, 'ERR').error).toEqual(AUTH);
  });
});

describe('commands decided in the same turn', () => {
  it('persist what each decided, not the state at commit time (LSET then LDEL in one block)', async () => {
    const dir = tempDir();
    const s = await startServer(dir);
    const c = await s.connect();
    const q = await createQueue(c, { queueRequest: { mode: 'contact' } });
    const linkId = randomBytes(24);
    const set = c.transmission(
      { type: 'LSET', linkId, data: blobs() },
      { entityId: q.recipientId, key: q.recipientKey.privateKey },
    );
    const del = c.transmission(
      { type: 'LDEL' },
      { entityId: q.recipientId, key: q.recipientKey.privateKey },
    );
    const answers = Promise.all([c.responseTo(set.corrId), c.responseTo(del.corrId)]);
    c.sendTransmissions([set.bytes, del.bytes]);
    for (const r of await answers) expectResponse(r, 'OK');
    expect(expectResponse(await lget(c, linkId), 'ERR').error).toEqual(AUTH);
    await s.running.stop();
    const again = await startServer(dir);
    const d = await again.connect();
    expect(expectResponse(await lget(d, linkId), 'ERR').error).toEqual(AUTH);
  });
});
