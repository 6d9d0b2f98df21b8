import { sodium } from './sodium';
import { CryptoError } from './errors';

export interface X25519KeyPair {
  readonly publicKey: Uint8Array; // 32 bytes
  readonly privateKey: Uint8Array; // 32 bytes
}

export function x25519KeyPair(): X25519KeyPair {
  const kp = sodium().crypto_box_keypair();
  return { publicKey: kp.publicKey, privateKey: kp.privateKey };
}

export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  return sodium().crypto_scalarmult_base(privateKey);
}

/** Raw X25519 shared secret (the SimpleX "DhSecret"). */
export function x25519Dh(publicKey: Uint8Array, privateKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32 || privateKey.length !== 32) {
    throw new CryptoError('BAD_KEY', 'X25519 keys must be 32 bytes');
  }
  try {
    return sodium().crypto_scalarmult(privateKey, publicKey);
  } catch {
    // libsodium refuses low-order points (all-zero output).
    throw new CryptoError('BAD_KEY', 'X25519 public key is of low order');
  }
}
