// Loads the identity the listeners need from the PEM files of the data directory, and checks
// that it is one: an Ed25519 server certificate signed by the CA, with the matching private key.
import { createPrivateKey } from 'node:crypto';
import { ed25519KeyPair } from '../../protocol/crypto/ed25519';
import { decodeSpki } from '../../protocol/crypto/keys';
import { bytesEqual } from '../../protocol/encoding/bytes';
import { certificateFingerprint, parseCertificate } from '../../protocol/smp/x509';
import { DataDirError } from '../errors';
import { isSignedBy, parseCertificatePem } from './certificates';

export interface ServerIdentity {
  /** DER of [server certificate, CA certificate], as sent in TLS and in the server hello. */
  readonly chain: readonly Uint8Array[];
  /** Server certificate then CA certificate, PEM, for node:tls. */
  readonly certChainPem: string;
  readonly keyPem: string;
  /** The server certificate's Ed25519 key, libsodium form, for signing session keys. */
  readonly signingKey: Uint8Array;
  /** SHA-256 of the CA certificate: the fingerprint of the server address. */
  readonly keyHash: Uint8Array;
}

function invalid(message: string, cause?: unknown): DataDirError {
  return new DataDirError('INVALID_CREDENTIALS', message, { cause });
}

function ed25519Seed(keyPem: string): { seed: Uint8Array; publicKey: Uint8Array } {
  let jwk: { d?: string; x?: string };
  try {
    const key = createPrivateKey(keyPem);
    if (key.asymmetricKeyType !== 'ed25519') throw invalid('the server key is not Ed25519');
    jwk = key.export({ format: 'jwk' });
  } catch (e) {
    if (e instanceof DataDirError) throw e;
    throw invalid('the server key is not a readable PEM private key', e);
  }
  if (!jwk.d || !jwk.x) throw invalid('the server key is incomplete');
  return {
    seed: new Uint8Array(Buffer.from(jwk.d, 'base64url')),
    publicKey: new Uint8Array(Buffer.from(jwk.x, 'base64url')),
  };
}

export async function loadServerIdentity(pems: {
  readonly caCertPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
}): Promise<ServerIdentity> {
  let ca;
  let server;
  try {
    ca = parseCertificatePem(pems.caCertPem);
    server = parseCertificatePem(pems.serverCertPem);
  } catch (e) {
    throw invalid('a certificate file is not a readable PEM certificate', e);
  }
  if (!(await isSignedBy(server, ca))) {
    throw invalid('the server certificate is not signed by the CA certificate');
  }
  const serverDer = new Uint8Array(server.rawData);
  const caDer = new Uint8Array(ca.rawData);
  const { seed, publicKey } = ed25519Seed(pems.serverKeyPem);
  const leafSpki = parseCertificate(serverDer).subjectPublicKeyInfo;
  let leafKey: Uint8Array;
  try {
    leafKey = decodeSpki('ed25519', leafSpki);
  } catch (e) {
    throw invalid('the server certificate key is not Ed25519', e);
  }
  if (!bytesEqual(leafKey, publicKey)) {
    throw invalid('the server key does not belong to the server certificate');
  }
  return {
    chain: [serverDer, caDer],
    certChainPem: `${server.toString('pem')}\n${ca.toString('pem')}\n`,
    keyPem: pems.serverKeyPem,
    signingKey: ed25519KeyPair(seed).privateKey,
    keyHash: certificateFingerprint(caDer),
  };
}
