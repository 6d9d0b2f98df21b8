import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { x448 as nobleX448 } from '@noble/curves/ed448.js';
import { concatBytes, fromHex } from '../encoding/bytes';
import { CryptoError } from './errors';
import { encodeSpki } from './keys';

// X448 for X3DH and the double ratchet. Node's OpenSSL does it natively (~20x faster);
// Electron's BoringSSL has no X448, so there we fall back to @noble/curves. Chosen once.

export interface X448KeyPair {
  readonly publicKey: Uint8Array; // 56 bytes
  readonly privateKey: Uint8Array; // 56 bytes
}

interface X448Impl {
  readonly name: 'node' | 'noble';
  keyPair(): X448KeyPair;
  publicKey(priv: Uint8Array): Uint8Array;
  dh(pub: Uint8Array, priv: Uint8Array): Uint8Array;
}

const PKCS8_PREFIX = fromHex('3046020100300506032b656f043a0438');

const nodeImpl: X448Impl = {
  name: 'node',
  keyPair() {
    const { publicKey, privateKey } = generateKeyPairSync('x448');
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    return {
      publicKey: new Uint8Array(spki.subarray(spki.length - 56)),
      privateKey: new Uint8Array(pkcs8.subarray(pkcs8.length - 56)),
    };
  },
  publicKey(priv) {
    const key = createPublicKey(createPrivateKey(privKeyObject(priv)));
    const spki = key.export({ format: 'der', type: 'spki' });
    return new Uint8Array(spki.subarray(spki.length - 56));
  },
  dh(pub, priv) {
    const publicKey = createPublicKey({
      key: Buffer.from(encodeSpki('x448', pub)),
      format: 'der',
      type: 'spki',
    });
    return new Uint8Array(
      diffieHellman({ privateKey: createPrivateKey(privKeyObject(priv)), publicKey }),
    );
  },
};

function privKeyObject(priv: Uint8Array) {
  return {
    key: Buffer.from(concatBytes(PKCS8_PREFIX, priv)),
    format: 'der' as const,
    type: 'pkcs8' as const,
  };
}

const nobleImpl: X448Impl = {
  name: 'noble',
  keyPair() {
    const privateKey = nobleX448.utils.randomSecretKey();
    return { privateKey, publicKey: nobleX448.getPublicKey(privateKey) };
  },
  publicKey: (priv) => nobleX448.getPublicKey(priv),
  dh: (pub, priv) => nobleX448.getSharedSecret(priv, pub),
};

function nodeSupportsX448(): boolean {
  try {
    const a = nodeImpl.keyPair();
    const b = nodeImpl.keyPair();
    return nodeImpl.dh(a.publicKey, b.privateKey).length === 56;
  } catch {
    return false;
  }
}

let impl: X448Impl | undefined;

function current(): X448Impl {
  impl ??= nodeSupportsX448() ? nodeImpl : nobleImpl;
  return impl;
}

/** Which implementation is in use ('node' under OpenSSL, 'noble' under BoringSSL). */
export function x448Implementation(): 'node' | 'noble' {
  return current().name;
}

/** For tests and benchmarks: force one implementation. */
export function useX448Implementation(name: 'node' | 'noble'): void {
  impl = name === 'node' ? nodeImpl : nobleImpl;
}

function check(key: Uint8Array, what: string): void {
  if (key.length !== 56) throw new CryptoError('BAD_KEY', `X448 ${what} key must be 56 bytes`);
}

export function x448KeyPair(): X448KeyPair {
  return current().keyPair();
}

export function x448PublicKey(privateKey: Uint8Array): Uint8Array {
  check(privateKey, 'private');
  return current().publicKey(privateKey);
}

export function x448Dh(publicKey: Uint8Array, privateKey: Uint8Array): Uint8Array {
  check(publicKey, 'public');
  check(privateKey, 'private');
  try {
    const out = current().dh(publicKey, privateKey);
    if (out.every((b) => b === 0)) throw new Error('zero');
    return out;
  } catch {
    throw new CryptoError('BAD_KEY', 'X448 key agreement failed');
  }
}
