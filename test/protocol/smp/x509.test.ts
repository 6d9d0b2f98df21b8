import { X509Certificate, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, encodeSpki, sha256, x25519KeyPair } from '../../../src/protocol/crypto';
import { DecodeError, base64url, fromHex, toHex } from '../../../src/protocol/encoding';
import {
  derOid,
  derSequence,
  encodeSignedKey,
  parseCertificate,
  parseSignedKey,
  serverIdentity,
  verifyCertificateSignature,
  verifyChainSignatures,
  verifySignature,
} from '../../../src/protocol/smp';
import { ed25519SigningKey, ed448SigningKey, makeCertificate, makeChain } from './certificates';

beforeAll(cryptoReady);

const nodeKey = (spki: Uint8Array) =>
  createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });

describe('certificates', () => {
  it('parses what OpenSSL accepts, and agrees on the signature', () => {
    for (const signer of [ed25519SigningKey(), ed448SigningKey()]) {
      const subject = ed25519SigningKey();
      const der = makeCertificate({ subject: 's', issuer: 'i', subjectSpki: subject.spki, signer });
      const openssl = new X509Certificate(Buffer.from(der));
      expect(openssl.verify(nodeKey(signer.spki))).toBe(true);
      const cert = parseCertificate(der);
      expect(cert.subjectPublicKeyInfo).toEqual(
        new Uint8Array(openssl.publicKey.export({ format: 'der', type: 'spki' })),
      );
      expect(cert.signatureAlgorithm).toEqual({ type: signer.alg });
      expect(verifyCertificateSignature(cert, signer.spki)).toBe('valid');
      expect(verifyCertificateSignature(cert, subject.spki)).toBe('invalid');
    }
  });

  it('checks signatures along a chain', () => {
    for (const n of [2, 3, 4]) {
      const { chain } = makeChain(n);
      expect(verifyChainSignatures(chain.map(parseCertificate))).toBe('valid');
    }
    const { chain } = makeChain(3);
    const swapped = [chain[0]!, chain[2]!, chain[1]!].map(parseCertificate);
    expect(verifyChainSignatures(swapped)).toBe('invalid');
  });

  it('reports unknown algorithms as unsupported, never valid', () => {
    const x = encodeSpki('x448', new Uint8Array(56).fill(1));
    const data = new Uint8Array(3);
    expect(verifySignature({ type: 'ed25519' }, x, data, new Uint8Array(64))).toBe('unsupported');
    expect(
      verifySignature(
        { type: 'other', oid: '1.2.840.10045.4.3.2' },
        ed25519SigningKey().spki,
        data,
        new Uint8Array(64),
      ),
    ).toBe('unsupported');
    expect(
      verifySignature({ type: 'ed448' }, ed25519SigningKey().spki, data, new Uint8Array(114)),
    ).toBe('invalid');
  });

  it('classifies other signature algorithms by OID', () => {
    const signer = ed25519SigningKey();
    const ecdsa = derSequence(derOid('1.2.840.10045.4.3.2'));
    const der = makeCertificate({
      subject: 's',
      issuer: 'i',
      subjectSpki: signer.spki,
      signer,
      outerAlgorithm: ecdsa,
    });
    const cert = parseCertificate(der);
    expect(cert.signatureAlgorithm).toEqual({ type: 'other', oid: '1.2.840.10045.4.3.2' });
    expect(verifyCertificateSignature(cert, signer.spki)).toBe('unsupported');
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['not a sequence', fromHex('0400')],
    ['trailing bytes', fromHex('30000000')],
    ['truncated', fromHex('3010300a')],
    ['empty sequence', fromHex('3000')],
  ])('%s is a DecodeError', (_name, der) => {
    expect(() => parseCertificate(der)).toThrow(DecodeError);
  });

  it('gives the server identity of chain[1]', () => {
    const { chain } = makeChain(3);
    expect(serverIdentity(chain)).toBe(base64url(sha256(chain[1]!)));
    expect(() => serverIdentity(chain.slice(0, 1))).toThrow(DecodeError);
    expect(() => serverIdentity([...chain, ...chain])).toThrow(DecodeError);
  });
});

describe('signed session keys', () => {
  it('round-trip, verify with the signer, and are an X.509 SignedExact', () => {
    const signer = ed25519SigningKey();
    const spki = encodeSpki('x25519', x25519KeyPair().publicKey);
    const der = encodeSignedKey(spki, signer.privateKey);
    // SEQUENCE { SPKI (44), AlgorithmIdentifier Ed25519, BIT STRING (64-byte signature) }
    expect(toHex(der.subarray(0, 2))).toBe('3076');
    expect(toHex(der.subarray(46, 53))).toBe('300506032b6570');
    expect(toHex(der.subarray(53, 56))).toBe('034100');
    const signed = parseSignedKey(der);
    expect(signed.objectDer).toEqual(spki);
    expect(
      verifySignature(signed.signatureAlgorithm, signer.spki, signed.objectDer, signed.signature),
    ).toBe('valid');
    expect(
      verifySignature(
        signed.signatureAlgorithm,
        ed25519SigningKey().spki,
        signed.objectDer,
        signed.signature,
      ),
    ).toBe('invalid');
  });

  it.each([
    ['empty', ''],
    ['bit string with unused bits', '300d' + '3000' + '300506032b6570' + '030201ff'],
    ['missing signature', '3009' + '3000' + '300506032b6570'],
    ['trailing element', '300e' + '3000' + '300506032b6570' + '030100' + '0500'],
    ['algorithm without OID', '3009' + '3000' + '30020500' + '030100'],
    ['object that is not a sequence', '300c' + '0400' + '300506032b6570' + '030100'],
  ])('%s is a DecodeError', (_name, hex) => {
    expect(() => parseSignedKey(fromHex(hex))).toThrow(DecodeError);
  });
});
