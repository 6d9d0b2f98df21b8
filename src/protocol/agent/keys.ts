// Public keys cross every agent-level boundary as X.509 SubjectPublicKeyInfo: a shortString in the
// binary encoding, padded base64url in text. Inside we keep raw key bytes. A key of the wrong
// algorithm or shape is malformed input, so it is reported as a DecodeError.
import { base64url, fromBase64url } from '../encoding/base64';
import type { Reader, Writer } from '../encoding/codec';
import { DecodeError } from '../encoding/errors';
import { CryptoError } from '../crypto/errors';
import { decodeSpki, encodeSpki, spkiAlgorithm, type KeyAlgorithm } from '../crypto/keys';

export function spkiToRaw(alg: KeyAlgorithm, spki: Uint8Array): Uint8Array {
  try {
    return decodeSpki(alg, spki);
  } catch (e) {
    if (e instanceof CryptoError) throw new DecodeError(`expected an ${alg} public key`);
    throw e;
  }
}

export function writePublicKey(w: Writer, alg: KeyAlgorithm, raw: Uint8Array): void {
  w.shortString(encodeSpki(alg, raw));
}

export function readPublicKey(r: Reader, alg: KeyAlgorithm): Uint8Array {
  return spkiToRaw(alg, r.shortString());
}

/** A public key whose algorithm is one of `allowed` (sender auth keys may be Ed25519 or X25519). */
export interface TypedPublicKey {
  readonly alg: KeyAlgorithm;
  readonly key: Uint8Array;
}

export function readTypedPublicKey(r: Reader, allowed: readonly KeyAlgorithm[]): TypedPublicKey {
  const spki = r.shortString();
  const alg = spkiAlgorithm(spki);
  if (alg === undefined || !allowed.includes(alg)) {
    throw new DecodeError(`expected a public key of type ${allowed.join(' or ')}`);
  }
  return { alg, key: decodeSpki(alg, spki) };
}

export function writeTypedPublicKey(w: Writer, k: TypedPublicKey): void {
  writePublicKey(w, k.alg, k.key);
}

export function publicKeyToText(alg: KeyAlgorithm, raw: Uint8Array): string {
  return base64url(encodeSpki(alg, raw));
}

export function publicKeyFromText(alg: KeyAlgorithm, text: string): Uint8Array {
  return spkiToRaw(alg, fromBase64url(text));
}
