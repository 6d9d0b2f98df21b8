/**
 * The two handshake blocks after TLS (padded, never encrypted) and their checks. The server
 * hello offers a version range, the session id and (v7+) its certificate chain with a signed
 * per-session X25519 key; the client hello picks a version, names the server identity it expects
 * and (v7+) sends its own X25519 key. Unknown trailing bytes of either are ignored.
 */
import { spkiAlgorithm, decodeSpki, encodeSpki } from '../crypto/keys';
import { bytesEqual } from '../encoding/bytes';
import { encode, Reader, type Writer } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';
import { padBlock, unpadBlock } from './block';
import type { HandshakeErrorCode, TransportError } from './errors';
import {
  SMP_VERSION,
  isVersionInRange,
  negotiateVersion,
  readVersionRange,
  writeVersionRange,
  type VersionRange,
} from './versions';
import {
  certificateFingerprint,
  encodeSignedKey,
  parseCertificate,
  parseSignedKey,
  verifySignature,
  type SignedKey,
} from './x509';

/** A certificate chain (DER, leaf first) and a key signed by the chain's leaf. */
export interface CertChainPubKey {
  readonly certChain: readonly Uint8Array[];
  /** X.509 SignedExact DER of the key's SubjectPublicKeyInfo. */
  readonly signedKey: Uint8Array;
}

export interface ServerHello {
  readonly versionRange: VersionRange;
  readonly sessionId: Uint8Array;
  /** v7+ (by the range's maximum). */
  readonly auth?: CertChainPubKey | undefined;
}

export type ServiceRole = 'messaging' | 'notifier' | 'proxy';

/** v16+ long-term certificate of a high-volume client service (we parse it, never send it). */
export interface ClientService {
  readonly role: ServiceRole;
  readonly certKey: CertChainPubKey;
}

export interface ClientHello {
  readonly version: number;
  /** The server identity the client expects (SHA-256 of chain[1]). */
  readonly keyHash: Uint8Array;
  /** v7+: the client's X25519 public key, raw 32 bytes (upstream lets it be absent). */
  readonly clientKey?: Uint8Array | undefined;
  /** v14+: the client is an SMP proxy (its link gets no block encryption). */
  readonly proxyServer: boolean;
  /** v16+. */
  readonly service?: ClientService | undefined;
}

/** A failed handshake, as the TransportError upstream reports for it. */
export class SmpTransportError extends Error {
  override readonly name = 'SmpTransportError';
  constructor(
    readonly error: TransportError,
    message: string,
  ) {
    super(message);
  }
}

function handshakeError(code: HandshakeErrorCode, message: string): SmpTransportError {
  return new SmpTransportError({ type: 'HANDSHAKE', handshakeErr: code }, message);
}

// ---- certificate chain + signed key ----

function writeCertChainPubKey(w: Writer, c: CertChainPubKey): void {
  w.nonEmptyCheck(c.certChain.length, 'certificate chain');
  w.list(c.certChain, (w2, cert) => w2.large(cert));
  w.large(c.signedKey);
}

function readCertChainPubKey(r: Reader): CertChainPubKey {
  const certChain = r.nonEmpty((r2) => r2.large().slice());
  return { certChain, signedKey: r.large().slice() };
}

/** Server: its chain and the per-session X25519 key (raw) signed with the leaf's Ed25519 key. */
export function signedSessionKey(
  certChain: readonly Uint8Array[],
  leafPrivateKey: Uint8Array,
  sessionPublicKey: Uint8Array,
): CertChainPubKey {
  return {
    certChain,
    signedKey: encodeSignedKey(encodeSpki('x25519', sessionPublicKey), leafPrivateKey),
  };
}

// ---- server hello ----

export function encodeServerHello(h: ServerHello): Uint8Array {
  const withAuth = h.versionRange.max >= SMP_VERSION.authCmds;
  if (h.auth && !withAuth) throw new EncodeError('a v6-only server hello has no key');
  return padBlock(
    encode((w) => {
      writeVersionRange(w, h.versionRange);
      w.shortString(h.sessionId);
      if (h.auth) writeCertChainPubKey(w, h.auth);
    }),
  );
}

export function decodeServerHello(block: Uint8Array): ServerHello {
  const r = new Reader(unpadBlock(block));
  const versionRange = readVersionRange(r);
  const sessionId = r.shortString().slice();
  const auth =
    versionRange.max >= SMP_VERSION.authCmds && !r.atEnd() ? readCertChainPubKey(r) : undefined;
  return { versionRange, sessionId, auth };
}

// ---- client hello ----

const ROLE_CHARS: Record<ServiceRole, string> = { messaging: 'M', notifier: 'N', proxy: 'P' };

function readRole(r: Reader): ServiceRole {
  const c = String.fromCharCode(r.byte());
  const role = (Object.keys(ROLE_CHARS) as ServiceRole[]).find((k) => ROLE_CHARS[k] === c);
  if (!role) throw new DecodeError('bad service role');
  return role;
}

export function encodeClientHello(h: ClientHello): Uint8Array {
  const v = h.version;
  if (h.service && v < SMP_VERSION.serviceCerts) throw new EncodeError('services need SMP v16');
  return padBlock(
    encode((w) => {
      w.word16(v).shortString(h.keyHash);
      if (v >= SMP_VERSION.authCmds && h.clientKey)
        w.shortString(encodeSpki('x25519', h.clientKey));
      if (v >= SMP_VERSION.proxyServerHandshake) w.bool(h.proxyServer);
      if (v >= SMP_VERSION.serviceCerts) {
        w.maybe(h.service, (w2, s) => {
          w2.ascii(ROLE_CHARS[s.role]);
          writeCertChainPubKey(w2, s.certKey);
        });
      }
    }),
  );
}

const X25519_SPKI_LENGTH = 44;

/** The v7+ client key has no Maybe tag: it is there when an X25519 SPKI shortString is. */
function readOptionalClientKey(payload: Uint8Array, r: Reader): Uint8Array | undefined {
  const spki = payload.subarray(r.offset + 1, r.offset + 1 + X25519_SPKI_LENGTH);
  if (r.peek() !== X25519_SPKI_LENGTH || spkiAlgorithm(spki) !== 'x25519') return undefined;
  return decodeSpki('x25519', r.shortString());
}

export function decodeClientHello(block: Uint8Array): ClientHello {
  const payload = unpadBlock(block);
  const r = new Reader(payload);
  const version = r.word16();
  const keyHash = r.shortString().slice();
  const clientKey = version >= SMP_VERSION.authCmds ? readOptionalClientKey(payload, r) : undefined;
  const proxyServer = version >= SMP_VERSION.proxyServerHandshake ? r.bool() : false;
  const service =
    version >= SMP_VERSION.serviceCerts
      ? r.maybe((r2) => ({ role: readRole(r2), certKey: readCertChainPubKey(r2) }))
      : undefined;
  return { version, keyHash, clientKey, proxyServer, service };
}

// ---- checks ----

export interface ServerHelloExpectation {
  /** The key hash of the server address. */
  readonly keyHash: Uint8Array;
  /** This TLS session's tls-unique. */
  readonly sessionId: Uint8Array;
  /** The chain TLS presented; when given it must be the one in the hello. */
  readonly tlsChain?: readonly Uint8Array[] | undefined;
}

/**
 * Client: checks a server hello (session binding, chain of 2..4 certificates whose [1] has the
 * address's key hash, session key signed by the leaf) and returns the server's session key
 * (raw X25519). Failures are SmpTransportError with upstream's codes.
 */
export function verifyServerHello(h: ServerHello, expect: ServerHelloExpectation): Uint8Array {
  if (!bytesEqual(h.sessionId, expect.sessionId)) {
    throw new SmpTransportError({ type: 'SESSION' }, 'server hello is for another TLS session');
  }
  const auth = h.auth;
  if (!auth) throw handshakeError('BAD_AUTH', 'server hello has no session key');
  const chain = auth.certChain;
  if (chain.length < 2 || chain.length > 4) {
    throw handshakeError('BAD_AUTH', `server chain has ${chain.length} certificates`);
  }
  if (!bytesEqual(certificateFingerprint(chain[1]!), expect.keyHash)) {
    throw handshakeError('BAD_AUTH', 'server identity does not match the address');
  }
  const tls = expect.tlsChain;
  if (tls && (tls.length !== chain.length || tls.some((c, i) => !bytesEqual(c, chain[i]!)))) {
    throw handshakeError('BAD_AUTH', 'server hello chain differs from the TLS chain');
  }
  let leafSpki: Uint8Array;
  let signed: SignedKey;
  try {
    leafSpki = parseCertificate(chain[0]!).subjectPublicKeyInfo;
    signed = parseSignedKey(auth.signedKey);
  } catch (e) {
    if (e instanceof DecodeError) throw handshakeError('BAD_AUTH', e.message);
    throw e;
  }
  const check = verifySignature(
    signed.signatureAlgorithm,
    leafSpki,
    signed.objectDer,
    signed.signature,
  );
  if (check === 'unsupported') {
    throw handshakeError('BAD_AUTH', 'server certificate algorithm is not supported');
  }
  if (check === 'invalid') throw handshakeError('BAD_AUTH', 'session key signature is invalid');
  if (spkiAlgorithm(signed.objectDer) !== 'x25519') {
    throw handshakeError('BAD_AUTH', 'server session key is not X25519');
  }
  return decodeSpki('x25519', signed.objectDer);
}

/** Client: the version to put in its hello, the highest both sides speak (else VERSION). */
export function chooseVersion(server: VersionRange, client: VersionRange): number {
  const v = negotiateVersion(server, client);
  if (v === undefined) {
    throw new SmpTransportError(
      { type: 'VERSION' },
      `no common SMP version: server ${server.min}..${server.max}, client ${client.min}..${client.max}`,
    );
  }
  return v;
}

/**
 * Server: checks a client hello against its identity and offered range (IDENTITY, VERSION).
 * Returns the hello for convenience.
 */
export function checkClientHello(
  h: ClientHello,
  server: { readonly keyHash: Uint8Array; readonly versionRange: VersionRange },
): ClientHello {
  if (!bytesEqual(h.keyHash, server.keyHash)) {
    throw handshakeError('IDENTITY', 'client expects another server identity');
  }
  if (!isVersionInRange(h.version, server.versionRange)) {
    throw new SmpTransportError({ type: 'VERSION' }, `client chose SMP v${h.version}`);
  }
  return h;
}
