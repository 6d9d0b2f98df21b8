// Queue life cycle over a real TLS connection: NEW, the credential and authorization rules,
// securing with KEY and SKEY, SEND's rules, OFF, DEL (DELD for another subscriber) and QUE.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authenticatorAuthorization,
  authorizedBytes,
  encodeCommand,
  senderIdFromCorrId,
  type SmpError,
} from '../../../src/protocol/smp';
import {
  ed25519KeyPair,
  encodeSpki,
  randomBytes,
  x25519KeyPair,
} from '../../../src/protocol/crypto';
import { latin1 } from '../../../src/protocol/encoding';
import { useTempDirs } from '../../support/temp-dir';
import {
  createQueue,
  expectResponse,
  messageText,
  openMessage,
  recipientRequest,
  sendTo,
  spkiOf,
  text,
  useSmpServers,
} from '../../support/smp-test-server';
import type { Received } from '../../support/smp-raw-connection';

const tempDir = useTempDirs();
const startServer = useSmpServers();
const server = (options = {}) => startServer(path.join(tempDir(), 'data'), options);

function errorOf(r: Received): SmpError {
  return expectResponse(r, 'ERR').error;
}

describe('NEW', () => {
  it('creates a messaging queue and answers IDS with fresh 24-byte ids', async () => {
    const s = await server();
    const c = await s.connect();
    const a = await createQueue(c);
    const b = await createQueue(c);
    expect(a.recipientId).toHaveLength(24);
    expect(a.senderId).toHaveLength(24);
    expect(a.recipientId).not.toEqual(b.recipientId);
    expect(a.senderId).not.toEqual(a.recipientId);
  });

  it('is authorized by the key it registers, with an empty entity', async () => {
    const s = await server();
    const c = await s.connect();
    const key = ed25519KeyPair();
    const other = ed25519KeyPair();
    const command = {
      type: 'NEW' as const,
      rcvAuthKey: spkiOf(key),
      rcvDhKey: encodeSpki('x25519', x25519KeyPair().publicKey),
      subscribe: false,
      queueRequest: { mode: 'messaging' as const },
    };
    expect(errorOf(await c.request(command, { key: other.privateKey }))).toEqual({ type: 'AUTH' });
    expect(errorOf(await c.request(command))).toEqual({ type: 'CMD', cmdErr: 'NO_AUTH' });
    expect(
      errorOf(await c.request(command, { key: key.privateKey, entityId: randomBytes(24) })),
    ).toEqual({ type: 'CMD', cmdErr: 'HAS_AUTH' });
    expectResponse(await c.request(command, { key: key.privateKey }), 'IDS');
  });

  it('checks the server password when one is configured', async () => {
    const s = await server({ basicAuth: 'secret-pw' });
    const c = await s.connect();
    await expect(createQueue(c)).rejects.toThrow(/AUTH/);
    await expect(createQueue(c, { basicAuth: 'wrong' })).rejects.toThrow(/AUTH/);
    await createQueue(c, { basicAuth: 'secret-pw' });
  });

  it('refuses a client-chosen sender id that is not derived from the corrId', async () => {
    const s = await server();
    const c = await s.connect();
    const data = { fixedData: randomBytes(100), userData: randomBytes(50) };
    const corrId = randomBytes(24);
    const bad = createQueue(c, {
      corrId,
      queueRequest: { mode: 'messaging', link: { senderId: randomBytes(24), data } },
    });
    await expect(bad).rejects.toThrow(/PROHIBITED/);
    const q = await createQueue(c, {
      corrId,
      queueRequest: { mode: 'messaging', link: { senderId: senderIdFromCorrId(corrId), data } },
    });
    expect(q.senderId).toEqual(senderIdFromCorrId(corrId));
    expect(q.linkId).toHaveLength(24);
  });

  it('with subscribe mode S subscribes the creating connection', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c, { subscribe: true });
    const sender = await s.connect();
    expectResponse(await sendTo(sender, q, 'first'), 'OK');
    expect(messageText(q, await c.nextEvent())).toBe('first');
  });
});

describe('credential and parsing errors', () => {
  it('answers the credential rules with ERR CMD before looking at any queue', async () => {
    const s = await server();
    const c = await s.connect();
    const key = ed25519KeyPair();
    const id = randomBytes(24);
    const cases: [Parameters<typeof c.request>, string][] = [
      [[{ type: 'SUB' }, { entityId: id }], 'NO_AUTH'],
      [[{ type: 'SUB' }, { key: key.privateKey }], 'NO_AUTH'],
      [[{ type: 'SEND', notification: false, body: text('x') }], 'NO_ENTITY'],
      [[{ type: 'LGET' }], 'NO_ENTITY'],
      [[{ type: 'LGET' }, { entityId: id, key: key.privateKey }], 'HAS_AUTH'],
      [[{ type: 'PING' }, { entityId: id }], 'HAS_AUTH'],
    ];
    for (const [args, code] of cases) {
      expect(errorOf(await c.request(...args))).toEqual({ type: 'CMD', cmdErr: code });
    }
  });

  it('answers unknown tags with CMD UNKNOWN and bad parameters with CMD SYNTAX', async () => {
    const s = await server();
    const c = await s.connect();
    expect(errorOf(await c.request(latin1('HELLO')))).toEqual({ type: 'CMD', cmdErr: 'UNKNOWN' });
    // Notifications are not offered: their real tags are answered like unknown ones.
    expect(errorOf(await c.request(latin1('NSUB'), { entityId: randomBytes(24) }))).toEqual({
      type: 'CMD',
      cmdErr: 'UNKNOWN',
    });
    expect(errorOf(await c.request(latin1('PING extra')))).toEqual({
      type: 'CMD',
      cmdErr: 'SYNTAX',
    });
    expectResponse(await c.request({ type: 'PING' }), 'PONG');
  });

  it('answers ERR AUTH for a missing queue and for a wrong key alike', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c);
    const stranger = ed25519KeyPair();
    expect(
      errorOf(
        await c.request({ type: 'SUB' }, { entityId: randomBytes(24), key: stranger.privateKey }),
      ),
    ).toEqual({ type: 'AUTH' });
    expect(
      errorOf(
        await c.request({ type: 'SUB' }, { entityId: q.recipientId, key: stranger.privateKey }),
      ),
    ).toEqual({ type: 'AUTH' });
    // A recipient command with the sender id is a missing queue too.
    expect(
      errorOf(
        await c.request({ type: 'SUB' }, { entityId: q.senderId, key: q.recipientKey.privateKey }),
      ),
    ).toEqual({
      type: 'AUTH',
    });
  });

  it('accepts the deniable X25519 authenticator for queues created with an X25519 key', async () => {
    const s = await server();
    const c = await s.connect();
    const key = x25519KeyPair();
    const command = encodeCommand(c.version, {
      type: 'NEW',
      rcvAuthKey: encodeSpki('x25519', key.publicKey),
      rcvDhKey: encodeSpki('x25519', x25519KeyPair().publicKey),
      subscribe: false,
      queueRequest: { mode: 'messaging' },
    });
    const corrId = randomBytes(24);
    const empty = new Uint8Array(0);
    const auth = authenticatorAuthorization(
      c.serverSessionKey,
      key.privateKey,
      corrId,
      authorizedBytes(c.sessionId, corrId, empty, command),
    );
    expectResponse(await c.request(command, { corrId, auth }), 'IDS');
    const wrong = authenticatorAuthorization(
      c.serverSessionKey,
      x25519KeyPair().privateKey,
      corrId,
      authorizedBytes(c.sessionId, corrId, empty, command),
    );
    expect(errorOf(await c.request(command, { corrId, auth: wrong }))).toEqual({ type: 'AUTH' });
  });
});

describe('securing and sending', () => {
  it('SEND is accepted unauthorized until SKEY secures the queue, then only with that key', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c);
    const sender = await s.connect();
    const senderKey = ed25519KeyPair();
    expectResponse(await sendTo(sender, q, 'confirmation'), 'OK');
    // A signed SEND to an unsecured queue has no key to verify against.
    expect(errorOf(await sendTo(sender, q, 'x', senderKey))).toEqual({ type: 'AUTH' });
    const skey = { type: 'SKEY' as const, senderKey: spkiOf(senderKey) };
    expectResponse(
      await sender.request(skey, { entityId: q.senderId, key: senderKey.privateKey }),
      'OK',
    );
    // Idempotent with the same key (a retried SKEY), refused with another.
    expectResponse(
      await sender.request(skey, { entityId: q.senderId, key: senderKey.privateKey }),
      'OK',
    );
    const other = ed25519KeyPair();
    expect(
      errorOf(
        await sender.request(
          { type: 'SKEY', senderKey: spkiOf(other) },
          { entityId: q.senderId, key: other.privateKey },
        ),
      ),
    ).toEqual({ type: 'AUTH' });
    expect(errorOf(await sendTo(sender, q, 'unsigned'))).toEqual({ type: 'AUTH' });
    expect(errorOf(await sendTo(sender, q, 'wrong key', other))).toEqual({ type: 'AUTH' });
    expectResponse(await sendTo(sender, q, 'signed', senderKey), 'OK');
  });

  it('SKEY must be signed by the key it sets', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c);
    const k = ed25519KeyPair();
    const r = await c.request(
      { type: 'SKEY', senderKey: spkiOf(k) },
      { entityId: q.senderId, key: ed25519KeyPair().privateKey },
    );
    expect(errorOf(r)).toEqual({ type: 'AUTH' });
  });

  it('KEY lets the recipient secure a messaging queue', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c);
    const senderKey = ed25519KeyPair();
    expectResponse(
      await recipientRequest(c, q, { type: 'KEY', senderKey: spkiOf(senderKey) }),
      'OK',
    );
    expect(
      errorOf(await recipientRequest(c, q, { type: 'KEY', senderKey: spkiOf(ed25519KeyPair()) })),
    ).toEqual({ type: 'AUTH' });
    expect(errorOf(await sendTo(c, q, 'unsigned'))).toEqual({ type: 'AUTH' });
    expectResponse(await sendTo(c, q, 'signed', senderKey), 'OK');
  });

  it('never secures a contact queue: SKEY and KEY get AUTH, SEND stays open', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c, { queueRequest: { mode: 'contact' } });
    const k = ed25519KeyPair();
    expect(
      errorOf(
        await c.request(
          { type: 'SKEY', senderKey: spkiOf(k) },
          { entityId: q.senderId, key: k.privateKey },
        ),
      ),
    ).toEqual({ type: 'AUTH' });
    expect(errorOf(await recipientRequest(c, q, { type: 'KEY', senderKey: spkiOf(k) }))).toEqual({
      type: 'AUTH',
    });
    expectResponse(await sendTo(c, q, 'request 1'), 'OK');
    expectResponse(await sendTo(c, q, 'request 2'), 'OK');
  });

  it('refuses a body above the version maximum with LARGE_MSG', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c);
    expect(errorOf(await sendTo(c, q, new Uint8Array(16049)))).toEqual({ type: 'LARGE_MSG' });
    expectResponse(await sendTo(c, q, new Uint8Array(16048)), 'OK');
  });

  it('keeps the notification flag of SEND', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c, { subscribe: true });
    const r = await c.request(
      { type: 'SEND', notification: true, body: text('ping') },
      { entityId: q.senderId },
    );
    expectResponse(r, 'OK');
    const msg = expectResponse(await c.nextEvent(), 'MSG');
    expect(openMessage(q, msg)).toMatchObject({ type: 'message', notification: true });
  });
});

describe('OFF, DEL and QUE', () => {
  it('OFF stops SEND (AUTH) but the recipient can still read', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c);
    expectResponse(await sendTo(c, q, 'before'), 'OK');
    expectResponse(await recipientRequest(c, q, { type: 'OFF' }), 'OK');
    expect(errorOf(await sendTo(c, q, 'after'))).toEqual({ type: 'AUTH' });
    expect(messageText(q, await recipientRequest(c, q, { type: 'GET' }))).toBe('before');
  });

  it('DEL removes the queue; another subscribed connection gets DELD', async () => {
    const s = await server();
    const subscriber = await s.connect();
    const q = await createQueue(subscriber, { subscribe: true });
    const owner = await s.connect();
    expectResponse(await recipientRequest(owner, q, { type: 'DEL' }), 'OK');
    const ev = await subscriber.nextEvent();
    expectResponse(ev, 'DELD');
    expect(ev.entityId).toEqual(q.recipientId);
    expect(errorOf(await sendTo(owner, q, 'gone'))).toEqual({ type: 'AUTH' });
    expect(errorOf(await recipientRequest(owner, q, { type: 'SUB' }))).toEqual({ type: 'AUTH' });
  });

  it('QUE reports the queue state as INFO', async () => {
    const s = await server();
    const c = await s.connect();
    const q = await createQueue(c);
    expectResponse(await sendTo(c, q, 'one'), 'OK');
    expectResponse(await sendTo(c, q, 'two'), 'OK');
    const info = expectResponse(await recipientRequest(c, q, { type: 'QUE' }), 'INFO').info;
    expect(info).toMatchObject({
      qiSnd: false,
      qiNtf: false,
      qiSize: 2,
      qiMsg: { msgType: 'message' },
    });
    expect(info.qiSub).toBeUndefined();
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    const msg = expectResponse(await c.nextEvent(), 'MSG');
    const after = expectResponse(await recipientRequest(c, q, { type: 'QUE' }), 'INFO').info;
    expect(after.qiSub).toEqual({
      qSubThread: 'noSub',
      qDelivered: Buffer.from(msg.msgId).toString('base64'),
    });
  });
});
