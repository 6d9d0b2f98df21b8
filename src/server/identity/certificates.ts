// The server's identity: an offline Ed25519 CA (self-signed) and an Ed25519 server certificate
// signed by it, made with @peculiar/x509. The server presents [server, CA]; clients pin
// SHA-256 of the CA certificate (chain[1]), which is the fingerprint in smp:// addresses.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ED25519 = { name: 'Ed25519' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Long-lived like upstream's: the identity is in every address and link that names the server. */
const VALIDITY_DAYS = 3650;

export interface GeneratedCertificates {
  readonly caCertPem: string;
  readonly caKeyPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
}

function pemKey(pkcs8: ArrayBuffer): string {
  const b64 = Buffer.from(pkcs8)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

function randomSerial(): string {
  // Positive 8-byte serial numbers (high bit clear), as hex.
  const b = webcrypto.getRandomValues(new Uint8Array(8));
  b[0]! &= 0x7f;
  return Buffer.from(b).toString('hex');
}

async function ed25519Keys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ED25519, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
}

/** Generates the CA and server certificates with their private keys (PEM). */
export async function generateCertificates(commonName: string): Promise<GeneratedCertificates> {
  const notBefore = new Date(Date.now() - DAY_MS);
  const notAfter = new Date(Date.now() + VALIDITY_DAYS * DAY_MS);
  const caKeys = await ed25519Keys();
  const serverKeys = await ed25519Keys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${commonName} CA`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ED25519,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${commonName}`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ED25519,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return {
    caCertPem: ca.toString('pem'),
    caKeyPem: pemKey(await webcrypto.subtle.exportKey('pkcs8', caKeys.privateKey)),
    serverCertPem: server.toString('pem'),
    serverKeyPem: pemKey(await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey)),
  };
}

/** Parses one PEM certificate; throws on anything else. */
export function parseCertificatePem(pem: string): x509.X509Certificate {
  return new x509.X509Certificate(pem);
}

/** Whether `cert` carries a valid signature by `issuer`'s key. */
export async function isSignedBy(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
): Promise<boolean> {
  return cert.verify({ publicKey: issuer.publicKey, signatureOnly: true });
}
