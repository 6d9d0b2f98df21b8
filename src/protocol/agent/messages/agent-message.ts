// Agent messages: the double-ratchet plaintext (before padding).
//   'I' conn info (Tail)                          initiator's reply confirmation
//   'D' NonEmpty queue info || conn info (Tail)   joiner's confirmation with its reply queue(s)
//   'R' info (Tail)                               ratchet re-negotiation info
//   'M' sndMsgId (Int64) || shortString prevMsgHash || a-message
// a-messages: 'H' HELLO, 'M' A_MSG body (Tail), 'V' receipts, 'QC' quota continue, 'QA' / 'QK' /
// 'QU' / 'QT' queue rotation (parsed so the engine can refuse them cleanly), 'E' EREADY.
import { decodeAll, encode, type Reader, type Writer } from '../../encoding/codec';
import { DecodeError } from '../../encoding/errors';
import { sha256 } from '../../crypto/hash';
import { readTypedPublicKey, writeTypedPublicKey, type TypedPublicKey } from '../keys';
import {
  readSmpQueueInfo,
  readSmpQueueUri,
  readSndQueueAddress,
  writeSmpQueueInfo,
  writeSmpQueueUri,
  writeSndQueueAddress,
  type SmpQueueInfo,
  type SndQueueAddress,
} from '../queue/queue-binary';
import type { SmpQueueUri } from '../queue/queue-uri';
import { AUTH_KEY_ALGORITHMS } from './client-envelope';

export interface MsgReceipt {
  /** The sender's sndMsgId of the acknowledged message. */
  readonly agentMsgId: bigint;
  /** SHA-256 of the acknowledged agent message. */
  readonly msgHash: Uint8Array;
  readonly rcptInfo: Uint8Array;
}

export interface QueueAdd {
  readonly queue: SmpQueueUri;
  readonly replaces?: SndQueueAddress | undefined;
}

export interface QueueKey {
  readonly queue: SmpQueueInfo;
  readonly senderKey: TypedPublicKey;
}

export interface QueueUse {
  readonly address: SndQueueAddress;
  readonly primary: boolean;
}

export type AMessage =
  | { readonly kind: 'HELLO' }
  | { readonly kind: 'A_MSG'; readonly body: Uint8Array }
  | { readonly kind: 'A_RCVD'; readonly receipts: readonly MsgReceipt[] }
  | { readonly kind: 'A_QCONT'; readonly address: SndQueueAddress }
  | { readonly kind: 'QADD'; readonly queues: readonly QueueAdd[] }
  | { readonly kind: 'QKEY'; readonly queues: readonly QueueKey[] }
  | { readonly kind: 'QUSE'; readonly queues: readonly QueueUse[] }
  | { readonly kind: 'QTEST'; readonly addresses: readonly SndQueueAddress[] }
  | { readonly kind: 'EREADY'; readonly lastDecryptedMsgId: bigint };

export type AgentMessage =
  | { readonly kind: 'connInfo'; readonly connInfo: Uint8Array }
  | {
      readonly kind: 'connInfoReply';
      readonly queues: readonly SmpQueueInfo[];
      readonly connInfo: Uint8Array;
    }
  | { readonly kind: 'ratchetInfo'; readonly info: Uint8Array }
  | {
      readonly kind: 'message';
      readonly sndMsgId: bigint;
      /** SHA-256 of the previous agent message we sent (empty before any). */
      readonly prevMsgHash: Uint8Array;
      readonly message: AMessage;
    };

function nonEmpty<V>(
  w: Writer,
  items: readonly V[],
  what: string,
  write: (w: Writer, v: V) => void,
) {
  w.nonEmptyCheck(items.length, what);
  w.list(items, write);
}

function writeAMessage(w: Writer, m: AMessage): void {
  switch (m.kind) {
    case 'HELLO':
      w.ascii('H');
      break;
    case 'A_MSG':
      w.ascii('M').bytes(m.body);
      break;
    case 'A_RCVD':
      w.ascii('V');
      nonEmpty(w, m.receipts, 'receipts', (w2, r) =>
        w2.int64(r.agentMsgId).shortString(r.msgHash).large(r.rcptInfo),
      );
      break;
    case 'A_QCONT':
      w.ascii('QC');
      writeSndQueueAddress(w, m.address);
      break;
    case 'QADD':
      w.ascii('QA');
      nonEmpty(w, m.queues, 'QADD queues', (w2, q) => {
        writeSmpQueueUri(w2, q.queue);
        w2.maybe(q.replaces, writeSndQueueAddress);
      });
      break;
    case 'QKEY':
      w.ascii('QK');
      nonEmpty(w, m.queues, 'QKEY queues', (w2, q) => {
        writeSmpQueueInfo(w2, q.queue);
        writeTypedPublicKey(w2, q.senderKey);
      });
      break;
    case 'QUSE':
      w.ascii('QU');
      nonEmpty(w, m.queues, 'QUSE queues', (w2, q) => {
        writeSndQueueAddress(w2, q.address);
        w2.bool(q.primary);
      });
      break;
    case 'QTEST':
      w.ascii('QT');
      nonEmpty(w, m.addresses, 'QTEST queues', writeSndQueueAddress);
      break;
    case 'EREADY':
      w.ascii('E').int64(m.lastDecryptedMsgId);
      break;
  }
}

function readQueueMessage(r: Reader): AMessage {
  const sub = String.fromCharCode(r.byte());
  switch (sub) {
    case 'C':
      return { kind: 'A_QCONT', address: readSndQueueAddress(r) };
    case 'A':
      return {
        kind: 'QADD',
        queues: r.nonEmpty((r2) => ({
          queue: readSmpQueueUri(r2),
          replaces: r2.maybe(readSndQueueAddress),
        })),
      };
    case 'K':
      return {
        kind: 'QKEY',
        queues: r.nonEmpty((r2) => ({
          queue: readSmpQueueInfo(r2),
          senderKey: readTypedPublicKey(r2, AUTH_KEY_ALGORITHMS),
        })),
      };
    case 'U':
      return {
        kind: 'QUSE',
        queues: r.nonEmpty((r2) => ({ address: readSndQueueAddress(r2), primary: r2.bool() })),
      };
    case 'T':
      return { kind: 'QTEST', addresses: r.nonEmpty(readSndQueueAddress) };
    default:
      throw new DecodeError(`invalid queue message 'Q${sub}'`);
  }
}

function readAMessage(r: Reader): AMessage {
  const tag = String.fromCharCode(r.byte());
  switch (tag) {
    case 'H':
      return { kind: 'HELLO' };
    case 'M':
      return { kind: 'A_MSG', body: r.tail().slice() };
    case 'V':
      return {
        kind: 'A_RCVD',
        receipts: r.nonEmpty((r2) => ({
          agentMsgId: r2.int64(),
          msgHash: r2.shortString().slice(),
          rcptInfo: r2.large().slice(),
        })),
      };
    case 'Q':
      return readQueueMessage(r);
    case 'E':
      return { kind: 'EREADY', lastDecryptedMsgId: r.int64() };
    default:
      throw new DecodeError(`invalid agent message type '${tag}'`);
  }
}

export function encodeAgentMessage(m: AgentMessage): Uint8Array {
  return encode((w) => {
    switch (m.kind) {
      case 'connInfo':
        w.ascii('I').bytes(m.connInfo);
        break;
      case 'connInfoReply':
        w.ascii('D');
        nonEmpty(w, m.queues, 'reply queues', writeSmpQueueInfo);
        w.bytes(m.connInfo);
        break;
      case 'ratchetInfo':
        w.ascii('R').bytes(m.info);
        break;
      case 'message':
        w.ascii('M').int64(m.sndMsgId).shortString(m.prevMsgHash);
        writeAMessage(w, m.message);
        break;
    }
  });
}

export function decodeAgentMessage(bytes: Uint8Array): AgentMessage {
  return decodeAll(bytes, readAgentMessage, 'agent message');
}

function readAgentMessage(r: Reader): AgentMessage {
  const tag = String.fromCharCode(r.byte());
  switch (tag) {
    case 'I':
      return { kind: 'connInfo', connInfo: r.tail().slice() };
    case 'D': {
      const queues = r.nonEmpty(readSmpQueueInfo);
      return { kind: 'connInfoReply', queues, connInfo: r.tail().slice() };
    }
    case 'R':
      return { kind: 'ratchetInfo', info: r.tail().slice() };
    case 'M': {
      const sndMsgId = r.int64();
      const prevMsgHash = r.shortString().slice();
      return { kind: 'message', sndMsgId, prevMsgHash, message: readAMessage(r) };
    }
    default:
      throw new DecodeError(`invalid agent message tag '${tag}'`);
  }
}

/** The hash chained into the next message's prevMsgHash and echoed in receipts. */
export function agentMessageHash(encodedAgentMessage: Uint8Array): Uint8Array {
  return sha256(encodedAgentMessage);
}
