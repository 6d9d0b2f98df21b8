/**
 * Transmissions: authorization, (v16+) service signature, corrId, entity id and command bytes,
 * and the bytes that an authorization covers. Since v7 the session id is not sent but is
 * prepended to the authorized bytes; v6 still sends it.
 */
import { bytesEqual } from '../encoding/bytes';
import { decodeAll, encode, type Reader } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';
import { SMP_VERSION } from './versions';

export const ED25519_SIGNATURE_SIZE = 64;
export const ED448_SIGNATURE_SIZE = 114;
export const AUTHENTICATOR_SIZE = 80;
/** corrIds of commands are 24 random bytes: they double as the authenticator nonce. */
export const CORR_ID_SIZE = 24;

/** The authorization of a transmission; the server tells the kinds apart by length. */
export type TransmissionAuth =
  | { readonly type: 'ed25519' | 'ed448'; readonly signature: Uint8Array }
  | { readonly type: 'authenticator'; readonly authenticator: Uint8Array };

export interface Transmission {
  readonly authorization?: TransmissionAuth | undefined;
  /** v16+: the Ed25519 signature of a client service, only next to an authorization. */
  readonly serviceSignature?: Uint8Array | undefined;
  /** 24 random bytes in commands; empty in server events. */
  readonly corrId: Uint8Array;
  /** Queue id, link id, or empty. */
  readonly entityId: Uint8Array;
  readonly command: Uint8Array;
}

export interface DecodedTransmission extends Transmission {
  /** The bytes the authorization must verify against (with the session id). */
  readonly authorized: Uint8Array;
  /** v6 sends the session id; false when it is not this session's (ERR SESSION). */
  readonly sameSession: boolean;
}

/** What the negotiated session fixes for every transmission. */
export interface SessionParams {
  readonly version: number;
  /** tls-unique of the TLS session. */
  readonly sessionId: Uint8Array;
}

export function authorizationBytes(a: TransmissionAuth): Uint8Array {
  return a.type === 'authenticator' ? a.authenticator : a.signature;
}

/** Classifies authorization bytes by length: none, Ed25519, authenticator or Ed448. */
export function authorizationFromBytes(b: Uint8Array): TransmissionAuth | undefined {
  switch (b.length) {
    case 0:
      return undefined;
    case ED25519_SIGNATURE_SIZE:
      return { type: 'ed25519', signature: b };
    case AUTHENTICATOR_SIZE:
      return { type: 'authenticator', authenticator: b };
    case ED448_SIGNATURE_SIZE:
      return { type: 'ed448', signature: b };
    default:
      throw new DecodeError(`authorization of ${b.length} bytes`);
  }
}

/** shortString(sessionId) || shortString(corrId) || shortString(entityId) || command. */
export function authorizedBytes(
  sessionId: Uint8Array,
  corrId: Uint8Array,
  entityId: Uint8Array,
  command: Uint8Array,
): Uint8Array {
  return encode((w) =>
    w.shortString(sessionId).shortString(corrId).shortString(entityId).bytes(command),
  );
}

const impliesSessionId = (v: number) => v >= SMP_VERSION.authCmds;
const hasServiceAuth = (v: number) => v >= SMP_VERSION.serviceCerts;

export function encodeTransmission(params: SessionParams, t: Transmission): Uint8Array {
  const { version } = params;
  if (t.serviceSignature && (!t.authorization || !hasServiceAuth(version))) {
    throw new EncodeError('a service signature needs an authorization and SMP v16');
  }
  return encode((w) => {
    if (t.authorization) {
      w.shortString(authorizationBytes(t.authorization));
      if (hasServiceAuth(version)) w.maybe(t.serviceSignature, (w2, s) => w2.shortString(s));
    } else {
      w.shortString(new Uint8Array(0));
    }
    if (!impliesSessionId(version)) w.shortString(params.sessionId);
    w.shortString(t.corrId).shortString(t.entityId).bytes(t.command);
  });
}

function readServiceSignature(r: Reader): Uint8Array {
  const s = r.shortString().slice();
  if (s.length !== ED25519_SIGNATURE_SIZE) throw new DecodeError('bad service signature');
  return s;
}

/** Parses one transmission of a batch. Structural problems are DecodeError (ERR BLOCK). */
export function decodeTransmission(params: SessionParams, bytes: Uint8Array): DecodedTransmission {
  const { version } = params;
  return decodeAll(
    bytes,
    (r) => {
      const authorization = authorizationFromBytes(r.shortString().slice());
      const serviceSignature =
        authorization && hasServiceAuth(version) ? r.maybe(readServiceSignature) : undefined;
      const start = r.offset;
      const sentSession = impliesSessionId(version) ? params.sessionId : r.shortString();
      const corrId = r.shortString().slice();
      const entityId = r.shortString().slice();
      const command = r.tail().slice();
      const authorized = impliesSessionId(version)
        ? authorizedBytes(params.sessionId, corrId, entityId, command)
        : bytes.slice(start);
      return {
        authorization,
        serviceSignature,
        corrId,
        entityId,
        command,
        authorized,
        sameSession: bytesEqual(sentSession, params.sessionId),
      };
    },
    'transmission',
  );
}
