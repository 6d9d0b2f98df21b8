/**
 * Command authorization, both kinds: an Ed25519 signature with the queue's key, or (v7+) the
 * deniable 80-byte authenticator = box(SHA-512(authorized), nonce = corrId, DH(server session
 * key, client queue key)). Also the sender id that link queues derive from the NEW corrId.
 */
import { cbAuthenticator, cbVerifyAuthenticator } from '../crypto/box';
import { ed25519KeyPair, ed25519Sign, ed25519Verify } from '../crypto/ed25519';
import { ed448Verify } from '../crypto/ed448';
import { sha3_384 } from '../crypto/hash';
import { decodeSpki, encodeSpki, spkiAlgorithm } from '../crypto/keys';
import { randomBytes } from '../crypto/random';
import { x25519Dh, x25519KeyPair } from '../crypto/x25519';
import { CORR_ID_SIZE, type TransmissionAuth } from './transmission';

/** Client side: signs the authorized bytes with an Ed25519 queue key (libsodium 64-byte form). */
export function signAuthorization(
  privateKey: Uint8Array,
  authorized: Uint8Array,
): TransmissionAuth {
  return { type: 'ed25519', signature: ed25519Sign(privateKey, authorized) };
}

/**
 * Client side: the deniable authenticator, from the server's session key (raw X25519, from the
 * handshake) and the client's X25519 queue key. The corrId is the nonce.
 */
export function authenticatorAuthorization(
  serverSessionKey: Uint8Array,
  queuePrivateKey: Uint8Array,
  corrId: Uint8Array,
  authorized: Uint8Array,
): TransmissionAuth {
  const secret = x25519Dh(serverSessionKey, queuePrivateKey);
  return { type: 'authenticator', authenticator: cbAuthenticator(secret, corrId, authorized) };
}

/**
 * Server side: whether `auth` authorizes `authorized` for the queue key `keySpki`. The kind of
 * authorization must match the key's algorithm; any mismatch or malformed key is simply false.
 */
export function verifyAuthorization(
  auth: TransmissionAuth,
  keySpki: Uint8Array,
  authorized: Uint8Array,
  corrId: Uint8Array,
  serverSessionPrivateKey: Uint8Array,
): boolean {
  const alg = spkiAlgorithm(keySpki);
  if (alg === undefined) return false;
  const key = decodeSpki(alg, keySpki);
  switch (auth.type) {
    case 'ed25519':
      return alg === 'ed25519' && ed25519Verify(key, authorized, auth.signature);
    case 'ed448':
      return alg === 'ed448' && ed448Verify(key, authorized, auth.signature);
    case 'authenticator': {
      if (alg !== 'x25519' || corrId.length !== CORR_ID_SIZE) return false;
      let secret: Uint8Array;
      try {
        secret = x25519Dh(key, serverSessionPrivateKey);
      } catch {
        return false;
      }
      return cbVerifyAuthenticator(secret, corrId, authorized, auth.authenticator);
    }
  }
}

// A fixed key of each kind, so that a failed lookup costs about as much as a real check.
let dummyKeys: Record<TransmissionAuth['type'], Uint8Array> | undefined;

/**
 * Server side: runs a verification of the same kind against a throwaway key and returns false,
 * for when the queue does not exist or has no key of that kind (so timing tells nothing).
 */
export function verifyWithDummyKey(
  auth: TransmissionAuth,
  authorized: Uint8Array,
  corrId: Uint8Array,
  serverSessionPrivateKey: Uint8Array,
): false {
  dummyKeys ??= {
    ed25519: encodeSpki('ed25519', ed25519KeyPair().publicKey),
    ed448: encodeSpki('ed448', randomBytes(57)),
    authenticator: encodeSpki('x25519', x25519KeyPair().publicKey),
  };
  verifyAuthorization(auth, dummyKeys[auth.type], authorized, corrId, serverSessionPrivateKey);
  return false;
}

/** Sender id of a queue created with link data: the first 24 bytes of SHA3-384(corrId). */
export function senderIdFromCorrId(corrId: Uint8Array): Uint8Array {
  return sha3_384(corrId).slice(0, 24);
}
