import { beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  ed25519KeyPair,
  encodeSpki,
  x25519KeyPair,
} from '../../../src/protocol/crypto';
import { latin1 } from '../../../src/protocol/encoding';
import {
  authenticatorAuthorization,
  authorizedBytes,
  decodeTransmission,
  encodeCommand,
  encodeTransmission,
  senderIdFromCorrId,
  signAuthorization,
  verifyAuthorization,
  verifyWithDummyKey,
} from '../../../src/protocol/smp';

beforeAll(cryptoReady);

const bytes = (n: number, from = 1) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const sessionId = bytes(32, 100);
const corrId = bytes(24, 1);
const entityId = bytes(24, 50);

describe('command authorization', () => {
  it('Ed25519: the client signs, the server verifies the decoded transmission', () => {
    const key = ed25519KeyPair();
    const server = x25519KeyPair();
    const params = { version: 18, sessionId };
    const command = encodeCommand(18, { type: 'SUB' });
    const authorization = signAuthorization(
      key.privateKey,
      authorizedBytes(sessionId, corrId, entityId, command),
    );
    const wire = encodeTransmission(params, { authorization, corrId, entityId, command });
    const t = decodeTransmission(params, wire);
    const spki = encodeSpki('ed25519', key.publicKey);
    expect(
      verifyAuthorization(t.authorization!, spki, t.authorized, t.corrId, server.privateKey),
    ).toBe(true);
    // Bound to the session: another session id does not verify.
    const other = decodeTransmission({ version: 18, sessionId: bytes(32, 7) }, wire);
    expect(
      verifyAuthorization(other.authorization!, spki, other.authorized, corrId, server.privateKey),
    ).toBe(false);
    // Another key does not verify.
    const wrong = encodeSpki('ed25519', ed25519KeyPair().publicKey);
    expect(
      verifyAuthorization(t.authorization!, wrong, t.authorized, corrId, server.privateKey),
    ).toBe(false);
  });

  it('X25519 authenticator: DH of the server session key and the queue key', () => {
    const queue = x25519KeyPair();
    const server = x25519KeyPair();
    const authorized = authorizedBytes(sessionId, corrId, entityId, latin1('SEND F x'));
    const auth = authenticatorAuthorization(server.publicKey, queue.privateKey, corrId, authorized);
    expect(auth.type).toBe('authenticator');
    expect(auth.type === 'authenticator' && auth.authenticator.length).toBe(80);
    const spki = encodeSpki('x25519', queue.publicKey);
    expect(verifyAuthorization(auth, spki, authorized, corrId, server.privateKey)).toBe(true);
    expect(verifyAuthorization(auth, spki, authorized, bytes(24, 9), server.privateKey)).toBe(
      false,
    );
    expect(verifyAuthorization(auth, spki, latin1('other'), corrId, server.privateKey)).toBe(false);
    expect(verifyAuthorization(auth, spki, authorized, corrId, x25519KeyPair().privateKey)).toBe(
      false,
    );
    // The nonce is the corrId, so it must be 24 bytes.
    expect(verifyAuthorization(auth, spki, authorized, bytes(23), server.privateKey)).toBe(false);
  });

  it('the kind of authorization must match the key algorithm', () => {
    const ed = ed25519KeyPair();
    const x = x25519KeyPair();
    const server = x25519KeyPair();
    const authorized = latin1('data');
    const signature = signAuthorization(ed.privateKey, authorized);
    const authenticator = authenticatorAuthorization(
      server.publicKey,
      x.privateKey,
      corrId,
      authorized,
    );
    const edSpki = encodeSpki('ed25519', ed.publicKey);
    const xSpki = encodeSpki('x25519', x.publicKey);
    expect(verifyAuthorization(signature, xSpki, authorized, corrId, server.privateKey)).toBe(
      false,
    );
    expect(verifyAuthorization(authenticator, edSpki, authorized, corrId, server.privateKey)).toBe(
      false,
    );
    const ed448 = { type: 'ed448' as const, signature: bytes(114) };
    expect(verifyAuthorization(ed448, edSpki, authorized, corrId, server.privateKey)).toBe(false);
    expect(
      verifyAuthorization(
        ed448,
        encodeSpki('ed448', bytes(57)),
        authorized,
        corrId,
        server.privateKey,
      ),
    ).toBe(false);
    expect(verifyAuthorization(signature, bytes(44), authorized, corrId, server.privateKey)).toBe(
      false,
    );
  });

  it('the dummy verification always fails', () => {
    const server = x25519KeyPair();
    const ed = ed25519KeyPair();
    const authorized = latin1('data');
    for (const auth of [
      signAuthorization(ed.privateKey, authorized),
      authenticatorAuthorization(server.publicKey, x25519KeyPair().privateKey, corrId, authorized),
      { type: 'ed448' as const, signature: bytes(114) },
    ]) {
      expect(verifyWithDummyKey(auth, authorized, corrId, server.privateKey)).toBe(false);
    }
  });

  it('sender ids of link queues come from the corrId', () => {
    const id = senderIdFromCorrId(corrId);
    expect(id.length).toBe(24);
    expect(senderIdFromCorrId(corrId)).toEqual(id);
    expect(senderIdFromCorrId(bytes(24, 2))).not.toEqual(id);
  });
});
