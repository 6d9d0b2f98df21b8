import { beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { cryptoReady } from '../../../src/protocol/crypto';
import { parseCertificate, verifyChainSignatures } from '../../../src/protocol/smp';
import { generateCertificates } from '../../../src/server/identity/certificates';
import { loadServerIdentity } from '../../../src/server/identity/server-identity';
import { DataDirError } from '../../../src/server/errors';

beforeAll(cryptoReady);

describe('server certificates', () => {
  it('makes an Ed25519 CA and a server certificate signed by it', async () => {
    const certs = await generateCertificates('smp.example');
    const ca = new X509Certificate(certs.caCertPem);
    const server = new X509Certificate(certs.serverCertPem);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(ca.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(server.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.subject).toBe('CN=smp.example');
  });

  it('loads as an identity whose chain our own X.509 code verifies', async () => {
    const identity = await loadServerIdentity(await generateCertificates('x'));
    expect(identity.chain).toHaveLength(2);
    expect(verifyChainSignatures(identity.chain.map((c) => parseCertificate(c)))).toBe('valid');
    expect(identity.signingKey).toHaveLength(64);
  });

  it('refuses a server key of another certificate, and a certificate of another CA', async () => {
    const a = await generateCertificates('a');
    const b = await generateCertificates('b');
    await expect(loadServerIdentity({ ...a, serverKeyPem: b.serverKeyPem })).rejects.toThrow(
      /does not belong/,
    );
    await expect(loadServerIdentity({ ...a, caCertPem: b.caCertPem })).rejects.toThrow(
      /not signed by the CA/,
    );
    await expect(loadServerIdentity({ ...a, serverKeyPem: 'junk' })).rejects.toBeInstanceOf(
      DataDirError,
    );
    await expect(loadServerIdentity({ ...a, caCertPem: 'junk' })).rejects.toBeInstanceOf(
      DataDirError,
    );
  });
});
