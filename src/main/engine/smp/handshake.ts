/**
 * The client's side of the SMP handshake as one pure step: check the server hello against the
 * address and the TLS session, choose the version, and produce the client hello and the block
 * codec for everything after it. Every failure is a HANDSHAKE SmpClientError.
 */
import { CryptoError, x25519Dh, type X25519KeyPair } from '../../../protocol/crypto';
import { DecodeError, EncodeError, wipe } from '../../../protocol/encoding';
import {
  SmpTransportError,
  blockCodecFor,
  chooseVersion,
  decodeServerHello,
  encodeClientHello,
  verifyServerHello,
  type BlockCodec,
  type VersionRange,
} from '../../../protocol/smp';
import { SmpClientError } from './errors';

export interface ServerHelloCheck {
  /** The first block the server sent after TLS. */
  readonly serverHelloBlock: Uint8Array;
  /** Key hash of the server address (SHA-256 of its identity certificate). */
  readonly keyHash: Uint8Array;
  /** tls-unique of this TLS session (the client's Finished). */
  readonly sessionId: Uint8Array;
  /** The certificate chain TLS presented, leaf first. */
  readonly tlsChain: readonly Uint8Array[];
  readonly versions: VersionRange;
  /** A fresh X25519 key pair for this connection only; its private half is wiped here. */
  readonly clientKey: X25519KeyPair;
}

export interface SmpSession {
  readonly version: number;
  readonly sessionId: Uint8Array;
  /** The server's per-session X25519 key (raw), for X25519 command authenticators. */
  readonly serverSessionKey: Uint8Array;
  /** Blocks after the handshake (encrypted from v11). */
  readonly codec: BlockCodec;
  /** The block to send back. */
  readonly clientHelloBlock: Uint8Array;
}

export function answerServerHello(check: ServerHelloCheck): SmpSession {
  try {
    const hello = decodeServerHello(check.serverHelloBlock);
    const serverSessionKey = verifyServerHello(hello, {
      keyHash: check.keyHash,
      sessionId: check.sessionId,
      tlsChain: check.tlsChain,
    });
    const version = chooseVersion(hello.versionRange, check.versions);
    const clientHelloBlock = encodeClientHello({
      version,
      keyHash: check.keyHash,
      clientKey: check.clientKey.publicKey,
      proxyServer: false,
    });
    const dhSecret = x25519Dh(serverSessionKey, check.clientKey.privateKey);
    const codec = blockCodecFor({
      role: 'client',
      version,
      sessionId: check.sessionId,
      dhSecret,
      proxyServer: false,
    });
    wipe(dhSecret);
    return { version, sessionId: check.sessionId, serverSessionKey, codec, clientHelloBlock };
  } catch (e) {
    if (
      e instanceof SmpTransportError ||
      e instanceof DecodeError ||
      e instanceof EncodeError ||
      e instanceof CryptoError
    ) {
      throw new SmpClientError('HANDSHAKE', e.message);
    }
    throw e;
  } finally {
    wipe(check.clientKey.privateKey);
  }
}
