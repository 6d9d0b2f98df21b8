import { concatBytes, fromHex, bytesEqual } from '../encoding/bytes';
import { CryptoError } from './errors';

// Public keys travel as X.509 SubjectPublicKeyInfo DER; inside we keep raw key bytes.
export type KeyAlgorithm = 'ed25519' | 'x25519' | 'x448' | 'ed448';

const SPKI: Record<KeyAlgorithm, { prefix: Uint8Array; size: number }> = {
  ed25519: { prefix: fromHex('302a300506032b6570032100'), size: 32 },
  x25519: { prefix: fromHex('302a300506032b656e032100'), size: 32 },
  x448: { prefix: fromHex('3042300506032b656f033900'), size: 56 },
  ed448: { prefix: fromHex('3043300506032b6571033a00'), size: 57 },
};

export function rawKeySize(alg: KeyAlgorithm): number {
  return SPKI[alg].size;
}

export function encodeSpki(alg: KeyAlgorithm, raw: Uint8Array): Uint8Array {
  const { prefix, size } = SPKI[alg];
  if (raw.length !== size) throw new CryptoError('BAD_KEY', `${alg} key must be ${size} bytes`);
  return concatBytes(prefix, raw);
}

/** Decodes an SPKI public key of the expected algorithm. */
export function decodeSpki(alg: KeyAlgorithm, spki: Uint8Array): Uint8Array {
  const { prefix, size } = SPKI[alg];
  if (
    spki.length !== prefix.length + size ||
    !bytesEqual(spki.subarray(0, prefix.length), prefix)
  ) {
    throw new CryptoError('BAD_KEY', `not an ${alg} SubjectPublicKeyInfo`);
  }
  return spki.slice(prefix.length);
}

/** Which algorithm an SPKI key is, if it is one we know. */
export function spkiAlgorithm(spki: Uint8Array): KeyAlgorithm | undefined {
  for (const alg of Object.keys(SPKI) as KeyAlgorithm[]) {
    const { prefix, size } = SPKI[alg];
    if (
      spki.length === prefix.length + size &&
      bytesEqual(spki.subarray(0, prefix.length), prefix)
    ) {
      return alg;
    }
  }
  return undefined;
}
