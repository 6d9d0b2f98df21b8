/**
 * TLS for SMP as upstream clients speak it: ALPN `smp/1`, no SNI (servers may share port 443
 * with a web page), TLS 1.2-1.3 with ChaCha20-Poly1305 and X25519, no session resumption. The
 * certificate is not checked by TLS: the SMP handshake checks the chain against the address.
 */
import tls from 'node:tls';
import type { SmpServer } from '../../../protocol/smp';
import { smpPortNumber } from '../../../protocol/smp';

export const SMP_ALPN = 'smp/1';

/** Settings both ends of an SMP link use (the benchmark's raw TLS echo uses them too). */
export const SMP_TLS_SETTINGS = {
  minVersion: 'TLSv1.2',
  ciphers: 'TLS_CHACHA20_POLY1305_SHA256:ECDHE-ECDSA-CHACHA20-POLY1305',
  ecdhCurve: 'X25519',
} as const satisfies tls.SecureContextOptions;

/** Starts a TLS connection to the server's first host. No `servername`: Node then sends no SNI. */
export function connectTls(server: SmpServer): tls.TLSSocket {
  const host = server.hosts[0] ?? '';
  const socket = tls.connect({
    ...SMP_TLS_SETTINGS,
    host: host.startsWith('[') ? host.slice(1, -1) : host,
    port: smpPortNumber(server),
    ALPNProtocols: [SMP_ALPN],
    rejectUnauthorized: false,
  });
  // Commands are small and answered one by one: no Nagle delay on the last block of a batch.
  socket.setNoDelay(true);
  return socket;
}

/** At most this many certificates are read from the peer (a valid chain has 2..4). */
const MAX_CHAIN = 5;

/** The certificate chain the peer presented, leaf first, as DER. */
export function peerChain(socket: tls.TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && chain.length < MAX_CHAIN) {
    chain.push(new Uint8Array(cert.raw));
    const issuer: tls.DetailedPeerCertificate | undefined = cert.issuerCertificate;
    // A self-signed root names itself as its issuer.
    if (!issuer || issuer === cert || issuer.fingerprint256 === cert.fingerprint256) break;
    cert = issuer;
  }
  return chain;
}

/** tls-unique: the client's Finished message, the SMP session id. */
export function tlsUnique(socket: tls.TLSSocket): Uint8Array | undefined {
  const finished = socket.getFinished();
  return finished ? new Uint8Array(finished) : undefined;
}
