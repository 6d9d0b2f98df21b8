import { ed448 } from '@noble/curves/ed448.js';
import { describe, expect, it } from 'vitest';
import { ed448Verify } from '../../../src/protocol/crypto';

describe('Ed448 verification', () => {
  const secret = ed448.utils.randomSecretKey();
  const publicKey = ed448.getPublicKey(secret);
  const message = Uint8Array.of(1, 2, 3);
  const signature = ed448.sign(message, secret);

  it('accepts a valid signature and nothing else', () => {
    expect(ed448Verify(publicKey, message, signature)).toBe(true);
    expect(ed448Verify(publicKey, Uint8Array.of(1, 2, 4), signature)).toBe(false);
    const tampered = signature.slice();
    tampered[3]! ^= 1;
    expect(ed448Verify(publicKey, message, tampered)).toBe(false);
  });

  it('is false, never an exception, for malformed keys and signatures', () => {
    expect(ed448Verify(publicKey.subarray(1), message, signature)).toBe(false);
    expect(ed448Verify(publicKey, message, signature.subarray(1))).toBe(false);
    expect(ed448Verify(new Uint8Array(57).fill(0xff), message, signature)).toBe(false);
    expect(ed448Verify(publicKey, message, new Uint8Array(114).fill(0xff))).toBe(false);
  });
});
