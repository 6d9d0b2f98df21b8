import { beforeAll, describe, expect, it } from 'vitest';
import {
  CryptoError,
  cryptoReady,
  ed25519KeyPair,
  encodeSpki,
  randomBytes,
  x25519KeyPair,
} from '../../../../src/protocol/crypto';
import { authorizedBytes, verifyAuthorization } from '../../../../src/protocol/smp';
import { authKeySpki, type AuthKey } from '../../../../src/main/engine/smp';
import { authorize, dhKeySpki } from '../../../../src/main/engine/smp/keys';

beforeAll(cryptoReady);

function context() {
  const server = x25519KeyPair();
  const corrId = randomBytes(24);
  const authorized = authorizedBytes(randomBytes(32), corrId, randomBytes(24), Uint8Array.of(1));
  return { server, corrId, authorized };
}

describe('queue auth keys', () => {
  it('derive the public key the server stores', () => {
    const ed = ed25519KeyPair();
    expect(authKeySpki({ algorithm: 'ed25519', privateKey: ed.privateKey })).toEqual(
      encodeSpki('ed25519', ed.publicKey),
    );
    const x = x25519KeyPair();
    expect(authKeySpki({ algorithm: 'x25519', privateKey: x.privateKey })).toEqual(
      encodeSpki('x25519', x.publicKey),
    );
    expect(dhKeySpki(x.privateKey)).toEqual(encodeSpki('x25519', x.publicKey));
  });

  it.each(['ed25519', 'x25519'] as const)(
    'an %s key authorizes what the server verifies, and only that',
    (algorithm) => {
      const privateKey =
        algorithm === 'ed25519' ? ed25519KeyPair().privateKey : x25519KeyPair().privateKey;
      const key: AuthKey = { algorithm, privateKey };
      const { server, corrId, authorized } = context();
      const auth = authorize(key, { serverSessionKey: server.publicKey, corrId, authorized });
      expect(auth.type).toBe(algorithm === 'ed25519' ? 'ed25519' : 'authenticator');
      const spki = authKeySpki(key);
      expect(verifyAuthorization(auth, spki, authorized, corrId, server.privateKey)).toBe(true);
      const other = authorizedBytes(randomBytes(32), corrId, randomBytes(24), Uint8Array.of(1));
      expect(verifyAuthorization(auth, spki, other, corrId, server.privateKey)).toBe(false);
    },
  );

  it('refuses keys of the wrong size with a typed error', () => {
    const { server, corrId, authorized } = context();
    const bad: AuthKey = { algorithm: 'ed25519', privateKey: new Uint8Array(32) };
    expect(() => authKeySpki(bad)).toThrow(CryptoError);
    expect(() =>
      authorize(
        { algorithm: 'x25519', privateKey: new Uint8Array(64) },
        {
          serverSessionKey: server.publicKey,
          corrId,
          authorized,
        },
      ),
    ).toThrow(CryptoError);
  });
});
