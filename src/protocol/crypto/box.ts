import { concatBytes } from '../encoding/bytes';
import { sodium } from './sodium';
import { CryptoError } from './errors';
import { pad, unpad } from './padding';
import { sha512 } from './hash';

// SimpleX's box and secret box are the same construction: NaCl secretbox under the key
// HSalsa20(K, 0^16). With K a raw X25519 output this equals crypto_box (cbEncrypt); with K a
// symmetric key it is SimpleX's "sbEncrypt" (short-link blobs, block encryption). Output is
// the 16-byte Poly1305 tag followed by the ciphertext.

const ZERO16 = new Uint8Array(16);
export const BOX_TAG_SIZE = 16;
export const NONCE_SIZE = 24;

function boxKey(secret: Uint8Array): Uint8Array {
  if (secret.length !== 32) throw new CryptoError('BAD_KEY', 'box key must be 32 bytes');
  return sodium().crypto_core_hsalsa20(ZERO16, secret, null);
}

function checkNonce(nonce: Uint8Array): void {
  if (nonce.length !== NONCE_SIZE) throw new CryptoError('BAD_KEY', 'nonce must be 24 bytes');
}

/** Encrypts without padding (authenticators, proxy layers). */
export function boxSeal(secret: Uint8Array, nonce: Uint8Array, msg: Uint8Array): Uint8Array {
  checkNonce(nonce);
  return sodium().crypto_secretbox_easy(msg, nonce, boxKey(secret));
}

export function boxOpen(secret: Uint8Array, nonce: Uint8Array, ct: Uint8Array): Uint8Array {
  checkNonce(nonce);
  if (ct.length < BOX_TAG_SIZE) throw new CryptoError('DECRYPT', 'ciphertext too short');
  try {
    return sodium().crypto_secretbox_open_easy(ct, nonce, boxKey(secret));
  } catch {
    throw new CryptoError('DECRYPT', 'box authentication failed');
  }
}

/** Pads `msg` to `paddedLength` and encrypts it: result is paddedLength + 16 bytes. */
export function cbEncrypt(
  secret: Uint8Array,
  nonce: Uint8Array,
  msg: Uint8Array,
  paddedLength: number,
): Uint8Array {
  return boxSeal(secret, nonce, pad(msg, paddedLength));
}

export function cbDecrypt(secret: Uint8Array, nonce: Uint8Array, ct: Uint8Array): Uint8Array {
  return unpad(boxOpen(secret, nonce, ct));
}

/**
 * SMP deniable command authenticator (v7+): box(SHA-512(authorized), nonce = corrId,
 * DH(server session key, client queue key)), 80 bytes.
 */
export function cbAuthenticator(
  dhSecret: Uint8Array,
  corrId: Uint8Array,
  authorized: Uint8Array,
): Uint8Array {
  return boxSeal(dhSecret, corrId, sha512(authorized));
}

export function cbVerifyAuthenticator(
  dhSecret: Uint8Array,
  corrId: Uint8Array,
  authorized: Uint8Array,
  authenticator: Uint8Array,
): boolean {
  if (authenticator.length !== 80 || corrId.length !== NONCE_SIZE) return false;
  try {
    const expected = boxSeal(dhSecret, corrId, sha512(authorized));
    return sodium().memcmp(expected, authenticator);
  } catch {
    return false;
  }
}

/** Nonce-prefixed form used by short-link blobs: nonce (24) || box. */
export function sbEncryptWithNonce(
  key: Uint8Array,
  nonce: Uint8Array,
  msg: Uint8Array,
  paddedLength: number,
): Uint8Array {
  return concatBytes(nonce, cbEncrypt(key, nonce, msg, paddedLength));
}
