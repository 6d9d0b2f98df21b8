/**
 * Minimal X.509 for the SMP handshake: the fields of a certificate needed to check signatures
 * (to-be-signed bytes, subject key, signature algorithm and value), the "signed key" (an X.509
 * SignedExact of the server's per-session X25519 key), and signature checks with Ed25519 and
 * Ed448 keys. Anything else (RSA, ECDSA) is reported as unsupported, never as valid.
 */
import { ed25519Sign, ed25519Verify } from '../crypto/ed25519';
import { ed448Verify } from '../crypto/ed448';
import { sha256 } from '../crypto/hash';
import { decodeSpki, spkiAlgorithm } from '../crypto/keys';
import { base64url } from '../encoding/base64';
import { DecodeError } from '../encoding/errors';
import {
  DER_TAG,
  DerReader,
  derBitString,
  derOid,
  derSequence,
  oidToString,
  readBitStringBytes,
  type DerElement,
} from './der';

const OID_ED25519 = '1.3.101.112';
const OID_ED448 = '1.3.101.113';

export type SignatureAlgorithm =
  { readonly type: 'ed25519' | 'ed448' } | { readonly type: 'other'; readonly oid: string };

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported';

export interface Certificate {
  /** The whole certificate DER. */
  readonly der: Uint8Array;
  /** TBSCertificate element: the signed bytes. */
  readonly tbs: Uint8Array;
  /** SubjectPublicKeyInfo element of the subject. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly signature: Uint8Array;
}

/** X.509 SignedExact of a public key: what the server's hello carries as its session key. */
export interface SignedKey {
  /** The signed object: SubjectPublicKeyInfo of the session key. */
  readonly objectDer: Uint8Array;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly signature: Uint8Array;
}

function readAlgorithm(el: DerElement, what: string): SignatureAlgorithm {
  if (el.tag !== DER_TAG.sequence) throw new DecodeError(`${what}: expected AlgorithmIdentifier`);
  const r = new DerReader(el.content, what);
  const oid = oidToString(r.expect(DER_TAG.oid, 'algorithm').content);
  // Parameters (absent for EdDSA) are not needed to classify the algorithm.
  if (oid === OID_ED25519) return { type: 'ed25519' };
  if (oid === OID_ED448) return { type: 'ed448' };
  return { type: 'other', oid };
}

export function parseCertificate(der: Uint8Array): Certificate {
  const outer = new DerReader(der, 'certificate');
  const cert = outer.expect(DER_TAG.sequence, 'Certificate');
  outer.end();
  const parts = new DerReader(cert.content, 'certificate');
  const tbs = parts.expect(DER_TAG.sequence, 'TBSCertificate');
  const signatureAlgorithm = readAlgorithm(parts.read(), 'certificate');
  const signature = readBitStringBytes(parts.read(), 'certificate signature');
  parts.end();

  const fields = new DerReader(tbs.content, 'TBSCertificate');
  if (fields.peekTag() === DER_TAG.context0) fields.read(); // version
  fields.expect(DER_TAG.integer, 'serialNumber');
  fields.expect(DER_TAG.sequence, 'signature');
  fields.expect(DER_TAG.sequence, 'issuer');
  fields.expect(DER_TAG.sequence, 'validity');
  fields.expect(DER_TAG.sequence, 'subject');
  const spki = fields.expect(DER_TAG.sequence, 'subjectPublicKeyInfo');
  // Extensions and unique ids follow; nothing in them is needed here.
  return {
    der,
    tbs: tbs.raw,
    subjectPublicKeyInfo: spki.raw,
    signatureAlgorithm,
    signature,
  };
}

export function parseSignedKey(der: Uint8Array): SignedKey {
  const outer = new DerReader(der, 'signed key');
  const seq = outer.expect(DER_TAG.sequence, 'SignedExact');
  outer.end();
  const parts = new DerReader(seq.content, 'signed key');
  const object = parts.expect(DER_TAG.sequence, 'SubjectPublicKeyInfo');
  const signatureAlgorithm = readAlgorithm(parts.read(), 'signed key');
  const signature = readBitStringBytes(parts.read(), 'signed key signature');
  parts.end();
  return { objectDer: object.raw, signatureAlgorithm, signature };
}

/** Signs an SPKI with an Ed25519 key (libsodium 64-byte private key): a SignedExact DER. */
export function encodeSignedKey(spki: Uint8Array, ed25519PrivateKey: Uint8Array): Uint8Array {
  const signature = ed25519Sign(ed25519PrivateKey, spki);
  return derSequence(spki, derSequence(derOid(OID_ED25519)), derBitString(signature));
}

/** Checks `signature` over `data` with the key in `signerSpki`, by the declared algorithm. */
export function verifySignature(
  algorithm: SignatureAlgorithm,
  signerSpki: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  const keyAlg = spkiAlgorithm(signerSpki);
  if (algorithm.type === 'other') return 'unsupported';
  if (keyAlg !== 'ed25519' && keyAlg !== 'ed448') return 'unsupported';
  if (keyAlg !== algorithm.type) return 'invalid';
  const key = decodeSpki(keyAlg, signerSpki);
  const ok =
    keyAlg === 'ed25519' ? ed25519Verify(key, data, signature) : ed448Verify(key, data, signature);
  return ok ? 'valid' : 'invalid';
}

/** Whether `cert` is signed by the holder of `issuerSpki`. */
export function verifyCertificateSignature(
  cert: Certificate,
  issuerSpki: Uint8Array,
): SignatureCheck {
  return verifySignature(cert.signatureAlgorithm, issuerSpki, cert.tbs, cert.signature);
}

/**
 * Signatures along a chain: each certificate signed by the next one's key (the last one is the
 * trust anchor). Dates and extensions are the TLS layer's business.
 */
export function verifyChainSignatures(chain: readonly Certificate[]): SignatureCheck {
  for (let i = 0; i + 1 < chain.length; i++) {
    const check = verifyCertificateSignature(chain[i]!, chain[i + 1]!.subjectPublicKeyInfo);
    if (check !== 'valid') return check;
  }
  return 'valid';
}

/** SHA-256 of a certificate's DER: the key hash of an SMP server address. */
export function certificateFingerprint(der: Uint8Array): Uint8Array {
  return sha256(der);
}

/** The server identity of a chain (its certificate [1]), as written in smp:// addresses. */
export function serverIdentity(chainDer: readonly Uint8Array[]): string {
  const id = chainDer[1];
  if (chainDer.length < 2 || chainDer.length > 4 || id === undefined) {
    throw new DecodeError(`a server chain has 2 to 4 certificates, not ${chainDer.length}`);
  }
  return base64url(certificateFingerprint(id));
}
