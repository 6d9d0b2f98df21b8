/**
 * The keys a caller hands the client per command. An auth key is only its private half: the
 * public half (sent in NEW, KEY, SKEY, LKEY) is derived from it, so the two cannot disagree.
 */
import { CryptoError, encodeSpki, x25519Dh, x25519PublicKey } from '../../../protocol/crypto';
import { authenticatorAuthorization, signAuthorization } from '../../../protocol/smp';
import type { TransmissionAuth } from '../../../protocol/smp';

/**
 * A queue key that authorizes commands: an Ed25519 key signs (libsodium's 64-byte private
 * key), an X25519 key makes the deniable authenticator with the server's session key.
 */
export interface AuthKey {
  readonly algorithm: 'ed25519' | 'x25519';
  readonly privateKey: Uint8Array;
}

const ED25519_PRIVATE_SIZE = 64;
const X25519_PRIVATE_SIZE = 32;

function checkAuthKey(key: AuthKey): void {
  const size = key.algorithm === 'ed25519' ? ED25519_PRIVATE_SIZE : X25519_PRIVATE_SIZE;
  if (key.privateKey.length !== size) {
    throw new CryptoError('BAD_KEY', `${key.algorithm} private key must be ${size} bytes`);
  }
}

/** The public key of `key` as SubjectPublicKeyInfo, as commands carry it. */
export function authKeySpki(key: AuthKey): Uint8Array {
  checkAuthKey(key);
  return key.algorithm === 'ed25519'
    ? encodeSpki('ed25519', key.privateKey.subarray(32))
    : encodeSpki('x25519', x25519PublicKey(key.privateKey));
}

/** SPKI of the X25519 public key for a raw private key (NEW's recipient DH key). */
export function dhKeySpki(privateKey: Uint8Array): Uint8Array {
  return encodeSpki('x25519', x25519PublicKey(privateKey));
}

/** The per-queue secret with the server: DH(server's queue key, our private key). */
export function dhSecret(serverPublicKey: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return x25519Dh(serverPublicKey, privateKey);
}

export interface AuthorizationContext {
  /** The server's per-session X25519 key (raw), from the handshake. */
  readonly serverSessionKey: Uint8Array;
  readonly corrId: Uint8Array;
  /** The bytes the authorization covers (authorizedBytes). */
  readonly authorized: Uint8Array;
}

export function authorize(key: AuthKey, ctx: AuthorizationContext): TransmissionAuth {
  checkAuthKey(key);
  return key.algorithm === 'ed25519'
    ? signAuthorization(key.privateKey, ctx.authorized)
    : authenticatorAuthorization(ctx.serverSessionKey, key.privateKey, ctx.corrId, ctx.authorized);
}
