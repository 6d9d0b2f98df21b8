// Test helper: minimal X.509 v3 certificates signed with Ed25519 or Ed448, built with the DER
// writer under test and checked against OpenSSL (node:crypto) in x509.test.ts.
import { ed448 } from '@noble/curves/ed448.js';
import { ed25519KeyPair, ed25519Sign, encodeSpki } from '../../../src/protocol/crypto';
import { utf8 } from '../../../src/protocol/encoding';
import { derBitString, derOid, derSequence, derTlv } from '../../../src/protocol/smp';

export interface SigningKey {
  readonly alg: 'ed25519' | 'ed448';
  readonly spki: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

export function ed25519SigningKey(): SigningKey & { privateKey: Uint8Array } {
  const kp = ed25519KeyPair();
  return {
    alg: 'ed25519',
    spki: encodeSpki('ed25519', kp.publicKey),
    privateKey: kp.privateKey,
    sign: (data) => ed25519Sign(kp.privateKey, data),
  };
}

export function ed448SigningKey(): SigningKey {
  const secret = ed448.utils.randomSecretKey();
  return {
    alg: 'ed448',
    spki: encodeSpki('ed448', ed448.getPublicKey(secret)),
    sign: (data) => ed448.sign(data, secret),
  };
}

const algorithmId = (alg: 'ed25519' | 'ed448') =>
  derSequence(derOid(alg === 'ed25519' ? '1.3.101.112' : '1.3.101.113'));

function name(cn: string): Uint8Array {
  const attr = derSequence(derOid('2.5.4.3'), derTlv(0x0c, utf8(cn)));
  return derSequence(derTlv(0x31, attr));
}

function time(s: string): Uint8Array {
  return derTlv(0x17, utf8(s));
}

export function makeCertificate(o: {
  subject: string;
  issuer: string;
  subjectSpki: Uint8Array;
  signer: SigningKey;
  serial?: number;
  /** Overrides the outer signature AlgorithmIdentifier (the signature stays the signer's). */
  outerAlgorithm?: Uint8Array;
}): Uint8Array {
  const tbs = derSequence(
    derTlv(0xa0, derTlv(0x02, Uint8Array.of(2))),
    derTlv(0x02, Uint8Array.of(o.serial ?? 1)),
    algorithmId(o.signer.alg),
    name(o.issuer),
    derSequence(time('250101000000Z'), time('491231235959Z')),
    name(o.subject),
    o.subjectSpki,
  );
  const outer = o.outerAlgorithm ?? algorithmId(o.signer.alg);
  return derSequence(tbs, outer, derBitString(o.signer.sign(tbs)));
}

/** A chain [leaf, identity, ...intermediates, CA] of `length` certificates, leaf first. */
export function makeChain(
  length: number,
  leaf: SigningKey = ed25519SigningKey(),
): { chain: Uint8Array[]; keys: SigningKey[] } {
  const keys: SigningKey[] = [leaf];
  for (let i = 1; i < length; i++) keys.push(ed25519SigningKey());
  const chain = keys.map((k, i) =>
    makeCertificate({
      subject: `cert ${i}`,
      issuer: `cert ${Math.min(i + 1, length - 1)}`,
      subjectSpki: k.spki,
      signer: keys[Math.min(i + 1, length - 1)]!,
      serial: i + 1,
    }),
  );
  return { chain, keys };
}
