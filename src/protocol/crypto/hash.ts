import { createHash, hkdfSync } from 'node:crypto';
import { sha3_256 as nobleSha3_256, sha3_384 as nobleSha3_384 } from '@noble/hashes/sha3.js';

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

export function sha512(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha512').update(data).digest());
}

// SHA-3 from @noble/hashes: Electron's BoringSSL has no SHA-3.
export function sha3_256(data: Uint8Array): Uint8Array {
  return nobleSha3_256(data);
}

export function sha3_384(data: Uint8Array): Uint8Array {
  return nobleSha3_384(data);
}

/** HKDF-SHA512 (RFC 5869); every SimpleX KDF uses it with ASCII info strings. */
export function hkdf512(
  salt: Uint8Array,
  ikm: Uint8Array,
  info: string | Uint8Array,
  length: number,
): Uint8Array {
  return new Uint8Array(hkdfSync('sha512', ikm, salt, info, length));
}
