import { sodium } from './sodium';
import { CryptoError } from './errors';

export interface Ed25519KeyPair {
  readonly publicKey: Uint8Array; // 32 bytes
  readonly privateKey: Uint8Array; // 64 bytes (libsodium form: seed || public key)
}

export function ed25519KeyPair(seed?: Uint8Array): Ed25519KeyPair {
  const s = sodium();
  const kp = seed ? s.crypto_sign_seed_keypair(seed) : s.crypto_sign_keypair();
  return { publicKey: kp.publicKey, privateKey: kp.privateKey };
}

export function ed25519Sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  if (privateKey.length !== 64)
    throw new CryptoError('BAD_KEY', 'Ed25519 private key must be 64 bytes');
  return sodium().crypto_sign_detached(message, privateKey);
}

export function ed25519Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return sodium().crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}
