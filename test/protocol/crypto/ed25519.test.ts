// The two Ed25519 implementations (node:crypto and libsodium) must be interchangeable: the same
// signatures, and the same verdict on every signature, including the malformed ones libsodium
// refuses by rule (small-order points, non-canonical encodings, S beyond the group order).
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  ed25519Implementation,
  ed25519KeyPair,
  ed25519Sign,
  ed25519Verify,
  randomBytes,
  useEd25519Implementation,
} from '../../../src/protocol/crypto';
import { fromHex, toHex } from '../../../src/protocol/encoding';
import { mqVector } from '../../conformance/vectors';

const IMPLEMENTATIONS = ['node', 'sodium'] as const;
type Impl = (typeof IMPLEMENTATIONS)[number];

let detected: Impl;
beforeAll(async () => {
  await cryptoReady();
  detected = ed25519Implementation();
});
afterAll(() => useEd25519Implementation(detected));

function signWith(impl: Impl, privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  useEd25519Implementation(impl);
  return ed25519Sign(privateKey, message);
}

function verifyWith(impl: Impl, pub: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  useEd25519Implementation(impl);
  return ed25519Verify(pub, message, sig);
}

/** Both verdicts, which must agree. */
function verdict(pub: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  const [node, sodium] = IMPLEMENTATIONS.map((impl) => verifyWith(impl, pub, message, sig));
  expect(node, 'node and libsodium disagree').toBe(sodium);
  return node!;
}

// RFC 8032, section 7.1, tests 1-3: secret key (seed), public key, message, signature.
const RFC8032 = [
  [
    '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
] as const;

describe('Ed25519 implementations', () => {
  it('uses node:crypto under Node (OpenSSL)', () => {
    expect(detected).toBe('node');
  });

  it.each(IMPLEMENTATIONS)('reproduces the RFC 8032 vectors (%s)', (impl) => {
    for (const [seed, pub, message, signature] of RFC8032) {
      const keys = ed25519KeyPair(fromHex(seed));
      expect(toHex(keys.publicKey)).toBe(pub);
      expect(toHex(signWith(impl, keys.privateKey, fromHex(message)))).toBe(signature);
      expect(verifyWith(impl, keys.publicKey, fromHex(message), fromHex(signature))).toBe(true);
    }
  });

  it('sign with one, verify with the other, for every size SMP uses', () => {
    for (const size of [0, 1, 64, 200, 1000, 16_048, 16_200]) {
      const keys = ed25519KeyPair();
      const message = randomBytes(size);
      const [byNode, bySodium] = IMPLEMENTATIONS.map((i) => signWith(i, keys.privateKey, message));
      // Ed25519 is deterministic: both produce the very same signature.
      expect(toHex(byNode!)).toBe(toHex(bySodium!));
      for (const impl of IMPLEMENTATIONS) {
        expect(verifyWith(impl, keys.publicKey, message, byNode!)).toBe(true);
        expect(verifyWith(impl, keys.publicKey, message, bySodium!)).toBe(true);
      }
    }
  });

  it('agree on the key and signature of the upstream NEW vector', () => {
    const v = mqVector<{
      recipient_ed25519_seed_hex: string;
      recipient_ed25519_public_hex: string;
    }>('smp.command.new.messaging_queue');
    const keys = ed25519KeyPair(fromHex(v.input.recipient_ed25519_seed_hex));
    expect(toHex(keys.publicKey)).toBe(v.input.recipient_ed25519_public_hex);
    const message = fromHex('4e4557');
    const signature = signWith('node', keys.privateKey, message);
    expect(signWith('sodium', keys.privateKey, message)).toEqual(signature);
    expect(verdict(keys.publicKey, message, signature)).toBe(true);
  });

  it('agree on signatures that do not verify', () => {
    const keys = ed25519KeyPair();
    const message = randomBytes(300);
    const signature = signWith('sodium', keys.privateKey, message);
    const otherMessage = message.slice();
    otherMessage[0]! ^= 1;
    expect(verdict(keys.publicKey, otherMessage, signature)).toBe(false);
    expect(verdict(ed25519KeyPair().publicKey, message, signature)).toBe(false);
    for (const at of [0, 31, 32, 63]) {
      const tampered = signature.slice();
      tampered[at]! ^= 0x40;
      expect(verdict(keys.publicKey, message, tampered)).toBe(false);
    }
  });

  it('agree on what libsodium refuses by rule', () => {
    const keys = ed25519KeyPair();
    const message = randomBytes(100);
    const signature = signWith('sodium', keys.privateKey, message);
    const smallOrder = ED25519_TORSION_SUBGROUP.map(fromHex);
    // y = p and y = p + 1: non-canonical encodings of small-order points.
    smallOrder.push(fromHex(`ed${'ff'.repeat(30)}7f`), fromHex(`ee${'ff'.repeat(30)}7f`));
    for (const point of smallOrder) {
      for (const signBit of [0, 0x80]) {
        const p = point.slice();
        p[31] = (p[31]! & 0x7f) | signBit;
        // A small-order R, and a small-order public key.
        const withR = signature.slice();
        withR.set(p, 0);
        expect(verdict(keys.publicKey, message, withR)).toBe(false);
        expect(verdict(p, message, signature)).toBe(false);
        expect(verdict(p, message, new Uint8Array(64))).toBe(false);
      }
    }
    // A public key with y >= p (non-canonical), and one that is no point at all.
    expect(verdict(fromHex(`f0${'ff'.repeat(30)}7f`), message, signature)).toBe(false);
    expect(verdict(notAPoint(), message, signature)).toBe(false);
    // The public key plus a torsion point (mixed order) is not the signer's key.
    const mixed = ed25519.Point.fromBytes(keys.publicKey)
      .add(ed25519.Point.fromBytes(smallOrder[1]!))
      .toBytes();
    expect(verdict(mixed, message, signature)).toBe(false);
  });

  it('agree that S must be below the group order', () => {
    const keys = ed25519KeyPair();
    const message = randomBytes(100);
    const signature = signWith('node', keys.privateKey, message);
    const order = 2n ** 252n + 27742317777372353535851937790883648493n;
    const s = littleEndian(signature.subarray(32));
    for (const bad of [s + order, order, order - 1n, 2n ** 256n - 1n]) {
      const forged = signature.slice();
      forged.set(toLittleEndian(bad), 32);
      expect(verdict(keys.publicKey, message, forged)).toBe(false);
    }
  });

  it('keeps working past the key caches (more keys than they hold)', () => {
    useEd25519Implementation('node');
    const message = randomBytes(50);
    for (let i = 0; i < 1100; i++) {
      const keys = ed25519KeyPair();
      const signature = ed25519Sign(keys.privateKey, message);
      expect(ed25519Verify(keys.publicKey, message, signature)).toBe(true);
    }
  });

  it.each(IMPLEMENTATIONS)('answers false, never throws, on malformed input (%s)', (impl) => {
    const keys = ed25519KeyPair();
    const signature = signWith(impl, keys.privateKey, Uint8Array.of(1));
    expect(verifyWith(impl, keys.publicKey.subarray(1), Uint8Array.of(1), signature)).toBe(false);
    expect(verifyWith(impl, keys.publicKey, Uint8Array.of(1), signature.subarray(1))).toBe(false);
    expect(() => signWith(impl, keys.privateKey.subarray(1), Uint8Array.of(1))).toThrow(
      expect.objectContaining({ code: 'BAD_KEY' }) as Error,
    );
  });
});

function littleEndian(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

function toLittleEndian(n: bigint): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
}

/** An encoding of a y for which no x exists. */
function notAPoint(): Uint8Array {
  for (let y = 2; ; y++) {
    const bytes = toLittleEndian(BigInt(y));
    try {
      ed25519.Point.fromBytes(bytes);
    } catch {
      return bytes;
    }
  }
}
