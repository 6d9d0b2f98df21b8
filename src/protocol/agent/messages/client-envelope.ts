// The SEND body: a public header, then the per-queue e2e layer (crypto_box with the secret
// DH(recipient's dh= key, sender's per-queue X25519 key)) around a private header and the agent
// envelope:
//   SMP client version (Word16) || Maybe sender X25519 key || nonce (24) || box(pad(private, N))
//   private = 'K' || sender auth key (legacy confirmations) | '_'  then the agent envelope (Tail)
import { Reader, decodeAll, encode } from '../../encoding/codec';
import { DecodeError, EncodeError } from '../../encoding/errors';
import { NONCE_SIZE, cbDecrypt, cbEncrypt } from '../../crypto/box';
import { randomBytes } from '../../crypto/random';
import {
  readPublicKey,
  readTypedPublicKey,
  writePublicKey,
  writeTypedPublicKey,
  type TypedPublicKey,
} from '../keys';
import { CLIENT_CONFIRMATION_PADDED_LENGTH, CLIENT_MSG_PADDED_LENGTH } from './sizes';

export interface ClientMsgEnvelope {
  readonly smpClientVersion: number;
  /** Sender's per-queue X25519 key (raw), present in confirmations and contact requests. */
  readonly senderDhKey?: Uint8Array | undefined;
  readonly nonce: Uint8Array;
  readonly encBody: Uint8Array;
}

/** 'K' carries the sender's queue auth key in legacy confirmations (the recipient secures). */
export type PrivHeader =
  | { readonly kind: 'confirmation'; readonly senderKey: TypedPublicKey }
  | { readonly kind: 'empty' };

export interface ClientMessage {
  readonly privHeader: PrivHeader;
  /** The encoded agent envelope. */
  readonly body: Uint8Array;
}

export const AUTH_KEY_ALGORITHMS = ['ed25519', 'ed448', 'x25519'] as const;

export function encodeClientMsgEnvelope(e: ClientMsgEnvelope): Uint8Array {
  return encode((w) => {
    w.word16(e.smpClientVersion);
    w.maybe(e.senderDhKey, (w2, k) => writePublicKey(w2, 'x25519', k));
    if (e.nonce.length !== NONCE_SIZE) throw new EncodeError('nonce must be 24 bytes');
    w.bytes(e.nonce).bytes(e.encBody);
  });
}

export function decodeClientMsgEnvelope(bytes: Uint8Array): ClientMsgEnvelope {
  const r = new Reader(bytes);
  return {
    smpClientVersion: r.word16(),
    senderDhKey: r.maybe((r2) => readPublicKey(r2, 'x25519')),
    nonce: r.take(NONCE_SIZE).slice(),
    encBody: r.tail().slice(),
  };
}

export function encodeClientMessage(m: ClientMessage): Uint8Array {
  return encode((w) => {
    if (m.privHeader.kind === 'confirmation') {
      w.ascii('K');
      writeTypedPublicKey(w, m.privHeader.senderKey);
    } else {
      w.ascii('_');
    }
    w.bytes(m.body);
  });
}

export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  return decodeAll(bytes, (r) => {
    const tag = r.byte();
    let privHeader: PrivHeader;
    if (tag === 0x4b /* K */) {
      privHeader = { kind: 'confirmation', senderKey: readTypedPublicKey(r, AUTH_KEY_ALGORITHMS) };
    } else if (tag === 0x5f /* _ */) {
      privHeader = { kind: 'empty' };
    } else {
      throw new DecodeError(`invalid private header 0x${tag.toString(16)}`);
    }
    return { privHeader, body: r.tail().slice() };
  });
}

/** Builds the SEND body; the padded size depends on whether the sender's key is public. */
export function sealClientMessage(params: {
  readonly smpClientVersion: number;
  readonly senderDhKey?: Uint8Array | undefined;
  /** DH(recipient's queue key, our per-queue private key). */
  readonly dhSecret: Uint8Array;
  readonly message: ClientMessage;
  readonly nonce?: Uint8Array;
}): Uint8Array {
  const nonce = params.nonce ?? randomBytes(NONCE_SIZE);
  const padded =
    params.senderDhKey === undefined ? CLIENT_MSG_PADDED_LENGTH : CLIENT_CONFIRMATION_PADDED_LENGTH;
  const encBody = cbEncrypt(params.dhSecret, nonce, encodeClientMessage(params.message), padded);
  return encodeClientMsgEnvelope({
    smpClientVersion: params.smpClientVersion,
    senderDhKey: params.senderDhKey,
    nonce,
    encBody,
  });
}

/** Opens the e2e layer (CryptoError if it does not authenticate) and parses the private part. */
export function openClientMessage(
  envelope: ClientMsgEnvelope,
  dhSecret: Uint8Array,
): ClientMessage {
  return decodeClientMessage(cbDecrypt(dhSecret, envelope.nonce, envelope.encBody));
}
