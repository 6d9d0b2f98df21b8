import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { fromHex, fromLatin1 } from '../encoding/bytes';
import { CryptoError } from './errors';
import { LruCache } from './lru';
import { sodium } from './sodium';

// Ed25519 authorizes every SMP command, so it is on the path of every message. Node's OpenSSL
// signs a 16 KB SEND in about 55 % of libsodium's WASM time and verifies it in about 75 % (the
// SHA-512 passes over the message dominate the difference). Electron's BoringSSL has Ed25519
// too, but libsodium stays the fallback, chosen once at first use as for X448.
//
// Importing a key costs 10-50 µs, a good part of a signature, and a queue's key authorizes every
// command on that queue, so KeyObjects are kept in small LRU caches. Verification keeps
// libsodium's rules, which are stricter than OpenSSL's: no small-order public key or R, no
// non-canonical public key, S below the group order. Both implementations answer alike.

export interface Ed25519KeyPair {
  readonly publicKey: Uint8Array; // 32 bytes
  readonly privateKey: Uint8Array; // 64 bytes (libsodium form: seed || public key)
}

interface Ed25519Impl {
  readonly name: 'node' | 'sodium';
  /** `privateKey` is 64 bytes; `publicKey` 32 and `signature` 64 (checked by the callers). */
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

const sodiumImpl: Ed25519Impl = {
  name: 'sodium',
  sign: (privateKey, message) => sodium().crypto_sign_detached(message, privateKey),
  verify: (publicKey, message, signature) =>
    sodium().crypto_sign_verify_detached(signature, message, publicKey),
};

// ---- libsodium's verification rules, for the native path ----

/** Encodings of small-order points, sign bit cleared (libsodium's blocklist). */
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000', // y = 0, order 4
  '0100000000000000000000000000000000000000000000000000000000000000', // y = 1, order 1
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p - 1, order 2
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p (= 0)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p + 1 (= 1)
].map(fromHex);

/** The group order L, little-endian. */
const GROUP_ORDER = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

function hasSmallOrder(point: Uint8Array): boolean {
  return SMALL_ORDER.some((bad) => {
    for (let i = 0; i < 31; i++) if (point[i] !== bad[i]) return false;
    return (point[31]! & 0x7f) === bad[31];
  });
}

/** Whether y < p = 2^255 - 19 (the sign bit aside). */
function isCanonicalPoint(point: Uint8Array): boolean {
  if ((point[31]! & 0x7f) !== 0x7f || point[0]! < 0xed) return true;
  for (let i = 1; i < 31; i++) if (point[i] !== 0xff) return true;
  return false;
}

/** Whether the little-endian scalar is below the group order. */
function isCanonicalScalar(scalar: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (scalar[i] !== GROUP_ORDER[i]) return scalar[i]! < GROUP_ORDER[i]!;
  }
  return false;
}

/** What libsodium refuses before it computes anything. */
function passesSodiumRules(publicKey: Uint8Array, signature: Uint8Array): boolean {
  const r = signature.subarray(0, 32);
  return (
    isCanonicalScalar(signature.subarray(32)) &&
    !hasSmallOrder(r) &&
    isCanonicalPoint(publicKey) &&
    !hasSmallOrder(publicKey)
  );
}

// ---- node:crypto ----

const KEY_CACHE_SIZE = 1024;
const verifyingKeys = new LruCache<string, KeyObject>(KEY_CACHE_SIZE);
// Keyed by a hash of the private key, never by the key itself.
const signingKeys = new LruCache<string, KeyObject>(KEY_CACHE_SIZE);

const base64url = (b: Uint8Array) =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');

// JWK import is several times cheaper than DER (which goes through OpenSSL's decoders).
function signingKey(privateKey: Uint8Array): KeyObject {
  const id = createHash('sha256').update(privateKey).digest('base64');
  return signingKeys.get(id, () =>
    createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: base64url(privateKey.subarray(0, 32)),
        x: base64url(privateKey.subarray(32)),
      },
      format: 'jwk',
    }),
  );
}

function verifyingKey(publicKey: Uint8Array): KeyObject {
  return verifyingKeys.get(fromLatin1(publicKey), () =>
    createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: base64url(publicKey) },
      format: 'jwk',
    }),
  );
}

const nodeImpl: Ed25519Impl = {
  name: 'node',
  sign(privateKey, message) {
    const signature = nodeSign(null, message, signingKey(privateKey));
    return new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength);
  },
  verify: (publicKey, message, signature) =>
    passesSodiumRules(publicKey, signature) &&
    nodeVerify(null, message, verifyingKey(publicKey), signature),
};

// RFC 8032, section 7.1, test 2: the native path is used only if it reproduces it exactly.
const PROBE = {
  privateKey: fromHex(
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb' +
      '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  ),
  message: fromHex('72'),
  signature:
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
    '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
};

function nodeSupportsEd25519(): boolean {
  try {
    const signature = nodeImpl.sign(PROBE.privateKey, PROBE.message);
    return (
      Buffer.from(signature).toString('hex') === PROBE.signature &&
      nodeImpl.verify(PROBE.privateKey.subarray(32), PROBE.message, signature)
    );
  } catch {
    return false;
  } finally {
    signingKeys.clear();
    verifyingKeys.clear();
  }
}

let impl: Ed25519Impl | undefined;

function current(): Ed25519Impl {
  impl ??= nodeSupportsEd25519() ? nodeImpl : sodiumImpl;
  return impl;
}

/** Which implementation signs and verifies ('node' under OpenSSL and BoringSSL, else 'sodium'). */
export function ed25519Implementation(): 'node' | 'sodium' {
  return current().name;
}

/** For tests and benchmarks: force one implementation. */
export function useEd25519Implementation(name: 'node' | 'sodium'): void {
  impl = name === 'node' ? nodeImpl : sodiumImpl;
}

export function ed25519KeyPair(seed?: Uint8Array): Ed25519KeyPair {
  const s = sodium();
  const kp = seed ? s.crypto_sign_seed_keypair(seed) : s.crypto_sign_keypair();
  return { publicKey: kp.publicKey, privateKey: kp.privateKey };
}

export function ed25519Sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  if (privateKey.length !== 64)
    throw new CryptoError('BAD_KEY', 'Ed25519 private key must be 64 bytes');
  return current().sign(privateKey, message);
}

export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return current().verify(publicKey, message, signature);
  } catch {
    return false;
  }
}
