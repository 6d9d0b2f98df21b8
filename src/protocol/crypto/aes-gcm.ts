import { createCipheriv, createDecipheriv } from 'node:crypto';
import { CryptoError } from './errors';

// AES-256-GCM with the 16-byte IVs of the SimpleX double ratchet (J0 derived by GHASH).

export interface AesGcmSealed {
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array; // 16 bytes
}

function checkKeyIv(key: Uint8Array, iv: Uint8Array): void {
  if (key.length !== 32) throw new CryptoError('BAD_KEY', 'AES-256 key must be 32 bytes');
  if (iv.length !== 16) throw new CryptoError('BAD_KEY', 'ratchet IV must be 16 bytes');
}

export function aesGcmEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
): AesGcmSealed {
  checkKeyIv(key, iv);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { ciphertext: new Uint8Array(ct), tag: new Uint8Array(c.getAuthTag()) };
}

export function aesGcmDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): Uint8Array {
  checkKeyIv(key, iv);
  if (tag.length !== 16) throw new CryptoError('DECRYPT', 'GCM tag must be 16 bytes');
  try {
    const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    d.setAAD(aad);
    d.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([d.update(ciphertext), d.final()]));
  } catch {
    throw new CryptoError('DECRYPT', 'AES-GCM authentication failed');
  }
}
