/**
 * Public keys as they travel in SMP commands, responses and handshakes: a shortString holding the
 * X.509 SubjectPublicKeyInfo DER. Values stay in SPKI form (what the server stores and compares);
 * decoding checks that the algorithm fits the key's role.
 */
import { spkiAlgorithm, type KeyAlgorithm } from '../crypto/keys';
import type { Reader, Writer } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';

/** Keys that authorize commands: signature keys, or X25519 for the deniable authenticator. */
export const AUTH_KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['ed25519', 'ed448', 'x25519'];
/** Keys for Diffie-Hellman with the server (per-queue secrets, handshake). */
export const DH_KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['x25519'];

function checkKey(spki: Uint8Array, allowed: readonly KeyAlgorithm[], role: string): Uint8Array {
  const alg = spkiAlgorithm(spki);
  if (alg === undefined || !allowed.includes(alg)) {
    throw new DecodeError(`${role}: not an ${allowed.join('/')} SubjectPublicKeyInfo`);
  }
  return spki;
}

/** Reads a command-authorization public key (SPKI). */
export function readAuthKey(r: Reader): Uint8Array {
  return checkKey(r.shortString().slice(), AUTH_KEY_ALGORITHMS, 'auth key');
}

/** Reads an X25519 public key (SPKI). */
export function readDhKey(r: Reader): Uint8Array {
  return checkKey(r.shortString().slice(), DH_KEY_ALGORITHMS, 'DH key');
}

export function writeAuthKey(w: Writer, spki: Uint8Array): void {
  writeChecked(w, spki, AUTH_KEY_ALGORITHMS, 'auth key');
}

export function writeDhKey(w: Writer, spki: Uint8Array): void {
  writeChecked(w, spki, DH_KEY_ALGORITHMS, 'DH key');
}

function writeChecked(
  w: Writer,
  spki: Uint8Array,
  allowed: readonly KeyAlgorithm[],
  role: string,
): void {
  const alg = spkiAlgorithm(spki);
  if (alg === undefined || !allowed.includes(alg)) {
    throw new EncodeError(`${role}: not an ${allowed.join('/')} SubjectPublicKeyInfo`);
  }
  w.shortString(spki);
}
