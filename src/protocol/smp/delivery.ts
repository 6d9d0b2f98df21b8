/**
 * Server-side re-encryption of delivered messages, so that what the sender sent and what the
 * recipient receives share no bytes. MSG carries box(rcvDhSecret, nonce = msgId,
 * padded(plain, 16106)) where plain is timestamp || flags || ' ' || SEND body, or the marker
 * `QUOTA ` || timestamp that tells the recipient the queue had been full.
 */
import { boxOpen, boxSeal, NONCE_SIZE } from '../crypto/box';
import { fromLatin1 } from '../encoding/bytes';
import { decodeAll, encode, type Reader } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';
import { padTo, unpadFrom } from './block';

/** Largest SEND body that can be delivered (any version). */
export const MAX_DELIVERED_BODY = 16088;
/** timestamp (8) + flags and space (8) + body. */
export const MAX_RCV_MESSAGE_LENGTH = MAX_DELIVERED_BODY + 16;
export const RCV_MESSAGE_PADDED_SIZE = MAX_RCV_MESSAGE_LENGTH + 2;

const QUOTA_MARKER = 'QUOTA ';

export type ReceivedMessage =
  | {
      readonly type: 'message';
      /** Seconds since the Unix epoch, when the server received it. */
      readonly timestamp: number;
      /** The sender asked for a push notification. */
      readonly notification: boolean;
      /** The SEND body (still end-to-end encrypted). */
      readonly body: Uint8Array;
    }
  /** The queue had reached its capacity; the sender may continue now. */
  | { readonly type: 'quota'; readonly timestamp: number };

export function encodeReceivedMessage(m: ReceivedMessage): Uint8Array {
  if (!Number.isSafeInteger(m.timestamp)) throw new EncodeError('bad message timestamp');
  if (m.type === 'quota') return encode((w) => w.ascii(QUOTA_MARKER).int64(m.timestamp));
  if (m.body.length > MAX_DELIVERED_BODY) {
    throw new EncodeError(`message body of ${m.body.length} bytes is too large`);
  }
  return encode((w) => w.int64(m.timestamp).bool(m.notification).space().bytes(m.body));
}

function readTimestamp(r: Reader): number {
  const t = r.int64();
  if (t < BigInt(Number.MIN_SAFE_INTEGER) || t > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DecodeError('message timestamp out of range');
  }
  return Number(t);
}

export function decodeReceivedMessage(plain: Uint8Array): ReceivedMessage {
  if (fromLatin1(plain.subarray(0, QUOTA_MARKER.length)) === QUOTA_MARKER) {
    return decodeAll(
      plain.subarray(QUOTA_MARKER.length),
      (r) => ({ type: 'quota', timestamp: readTimestamp(r) }),
      'quota marker',
    );
  }
  return decodeAll(
    plain,
    (r) => {
      const timestamp = readTimestamp(r);
      const notification = r.bool();
      r.asciiWord(); // reserved flag bytes
      r.space();
      return { type: 'message', timestamp, notification, body: r.tail().slice() };
    },
    'received message',
  );
}

/** The nonce is the msgId (upstream's cbNonce: truncated or zero-padded to 24 bytes). */
function msgIdNonce(msgId: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(NONCE_SIZE);
  nonce.set(msgId.subarray(0, NONCE_SIZE));
  return nonce;
}

/** Server: the MSG body for the recipient. */
export function encryptReceivedMessage(
  rcvDhSecret: Uint8Array,
  msgId: Uint8Array,
  m: ReceivedMessage,
): Uint8Array {
  return boxSeal(
    rcvDhSecret,
    msgIdNonce(msgId),
    padTo(encodeReceivedMessage(m), RCV_MESSAGE_PADDED_SIZE),
  );
}

/** Client: opens a MSG body. CryptoError('DECRYPT') if it does not authenticate. */
export function decryptReceivedMessage(
  rcvDhSecret: Uint8Array,
  msgId: Uint8Array,
  body: Uint8Array,
): ReceivedMessage {
  return decodeReceivedMessage(unpadFrom(boxOpen(rcvDhSecret, msgIdNonce(msgId), body)));
}
