// Binary elements (spec section 3): a plain JSON message ('{'), a signed message ('/'), a
// forwarded element ('>') and the legacy file chunk ('F'), plus the binary batch ('=') that
// frames several of them with Word16 lengths.
import { fromUtf8, utf8 } from '../encoding/bytes';
import { Reader, Writer } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';
import { MAX_BATCH_ELEMENTS } from './limits';
import {
  decodeChatMessage,
  encodeChatMessage,
  type ChatMessage,
  type ForwardSender,
} from './message';

export const ELEMENT = {
  json: 0x7b, // '{'
  signed: 0x2f, // '/'
  forward: 0x3e, // '>'
  fileChunk: 0x46, // 'F'
  binaryBatch: 0x3d, // '='
} as const;

/** What a signature binds the message to: a group (G), later a direct chat (D) or channel (C). */
export type ChatBindingTag = 'G' | 'D' | 'C';

function isBindingTag(tag: string): tag is ChatBindingTag {
  return tag === 'G' || tag === 'D' || tag === 'C';
}

/** One signature; key reference 'M' is the contextual member's key (the only kind so far). */
export interface MsgSignature {
  keyRef: 'M';
  signature: Uint8Array;
}

/** A signed element: the signatures and the exact JSON bytes they sign (with the binding). */
export interface SignedChatBody {
  binding: ChatBindingTag;
  signatures: MsgSignature[];
  body: Uint8Array;
}

/** The header a relay (or forwarding host) puts before an element it passes on. */
export interface ForwardHeader {
  sender: ForwardSender;
  /** When the forwarder's server received the original, whole seconds since the epoch. */
  brokerTs: number;
}

export type FileChunk = { kind: 'chunk'; chunkNo: number; bytes: Uint8Array } | { kind: 'cancel' };

/** A legacy inline file chunk ('F' element). */
export interface FileChunkMessage {
  msgId?: Uint8Array | undefined;
  sharedMsgId: Uint8Array;
  chunk: FileChunk;
}

export type ChatElement =
  | {
      kind: 'message';
      forward?: ForwardHeader | undefined;
      signed?: SignedChatBody | undefined;
      message: ChatMessage;
    }
  | { kind: 'fileChunk'; forward?: ForwardHeader | undefined; file: FileChunkMessage };

const SIGNATURE_SIZE = 64;
const KEY_REF_MEMBER = 0x4d; // 'M'
const SENDER_MEMBER = 0x4d; // 'M'
const SENDER_CHANNEL = 0x43; // 'C'

/** Decodes one element; a forward may wrap a plain, signed or file element, never a forward. */
export function decodeChatElement(bytes: Uint8Array): ChatElement {
  return readElement(bytes, undefined);
}

function readElement(bytes: Uint8Array, forward: ForwardHeader | undefined): ChatElement {
  const first = bytes[0];
  switch (first) {
    case ELEMENT.json:
      return { kind: 'message', forward, message: decodeChatMessage(bytes) };
    case ELEMENT.signed: {
      const signed = readSigned(new Reader(bytes.subarray(1)));
      return { kind: 'message', forward, signed, message: decodeChatMessage(signed.body) };
    }
    case ELEMENT.forward: {
      if (forward) throw new DecodeError('forward element inside a forward element');
      const r = new Reader(bytes.subarray(1));
      const header = readForwardHeader(r);
      return readElement(r.tail(), header);
    }
    case ELEMENT.fileChunk:
      return { kind: 'fileChunk', forward, file: readFileChunk(new Reader(bytes.subarray(1))) };
    case undefined:
      throw new DecodeError('empty element');
    default:
      throw new DecodeError(`invalid element prefix 0x${first.toString(16)}`);
  }
}

/**
 * Encodes an element. A signed message is written with its original bytes (re-encoding would
 * break the signatures); an unsigned one is encoded from its value.
 */
export function encodeChatElement(element: ChatElement): Uint8Array {
  const inner =
    element.kind === 'fileChunk'
      ? encodeFileChunk(element.file)
      : element.signed
        ? encodeSignedElement(element.signed)
        : encodeChatMessage(element.message);
  return element.forward ? encodeForwardElement(element.forward, inner) : inner;
}

function readSigned(r: Reader): SignedChatBody {
  const binding = String.fromCharCode(r.byte());
  if (!isBindingTag(binding)) throw new DecodeError(`invalid chat binding '${binding}'`);
  return { binding, signatures: r.nonEmpty(readSignature), body: r.tail() };
}

function readSignature(r: Reader): MsgSignature {
  const keyRef = r.byte();
  if (keyRef !== KEY_REF_MEMBER) {
    throw new DecodeError(`invalid signature key reference 0x${keyRef.toString(16)}`);
  }
  const signature = r.shortString();
  if (signature.length !== SIGNATURE_SIZE) {
    throw new DecodeError(`signature must be ${SIGNATURE_SIZE} bytes, got ${signature.length}`);
  }
  return { keyRef: 'M', signature };
}

export function encodeSignedElement({ binding, signatures, body }: SignedChatBody): Uint8Array {
  if (body[0] !== ELEMENT.json) throw new EncodeError('a signed body must be a JSON message');
  return new Writer()
    .byte(ELEMENT.signed)
    .ascii(binding)
    .nonEmptyCheck(signatures.length, 'signatures')
    .list(signatures, (w, s) => {
      if (s.signature.length !== SIGNATURE_SIZE) {
        throw new EncodeError(`signature must be ${SIGNATURE_SIZE} bytes`);
      }
      w.ascii(s.keyRef).shortString(s.signature);
    })
    .bytes(body)
    .finish();
}

function readForwardHeader(r: Reader): ForwardHeader {
  const tag = r.byte();
  let sender: ForwardSender;
  if (tag === SENDER_MEMBER) {
    const memberId = r.shortString();
    sender = { kind: 'member', memberId, memberName: readText(r.shortString(), 'member name') };
  } else if (tag === SENDER_CHANNEL) {
    sender = { kind: 'channel' };
  } else {
    throw new DecodeError(`invalid forward sender tag 0x${tag.toString(16)}`);
  }
  const seconds = r.int64();
  if (seconds > BigInt(Number.MAX_SAFE_INTEGER) || seconds < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DecodeError(`forward timestamp out of range: ${seconds}`);
  }
  return { sender, brokerTs: Number(seconds) };
}

/** `>` + header + the inner element (plain, signed or file chunk). */
export function encodeForwardElement(header: ForwardHeader, inner: Uint8Array): Uint8Array {
  const first = inner[0];
  if (first !== ELEMENT.json && first !== ELEMENT.signed && first !== ELEMENT.fileChunk) {
    throw new EncodeError('a forward element wraps a plain, signed or file element');
  }
  if (!Number.isSafeInteger(header.brokerTs)) {
    throw new EncodeError(`forward timestamp must be whole seconds: ${header.brokerTs}`);
  }
  const w = new Writer().byte(ELEMENT.forward);
  const { sender } = header;
  if (sender.kind === 'member') {
    w.byte(SENDER_MEMBER).shortString(sender.memberId).shortString(utf8(sender.memberName));
  } else {
    w.byte(SENDER_CHANNEL);
  }
  return w.int64(header.brokerTs).bytes(inner).finish();
}

// 'F', the envelope msgId (empty when none), the shared msgId, then the chunk number byte and
// the bytes, or a zero byte for "cancelled".
function readFileChunk(r: Reader): FileChunkMessage {
  const msgId = r.shortString();
  const sharedMsgId = r.shortString();
  const chunkNo = r.byte();
  const chunk: FileChunk =
    chunkNo === 0 ? { kind: 'cancel' } : { kind: 'chunk', chunkNo, bytes: r.tail() };
  r.end('file chunk');
  return { msgId: msgId.length > 0 ? msgId : undefined, sharedMsgId, chunk };
}

export function encodeFileChunk({ msgId, sharedMsgId, chunk }: FileChunkMessage): Uint8Array {
  const w = new Writer()
    .byte(ELEMENT.fileChunk)
    .shortString(msgId ?? new Uint8Array(0))
    .shortString(sharedMsgId);
  if (chunk.kind === 'cancel') return w.byte(0).finish();
  if (!Number.isInteger(chunk.chunkNo) || chunk.chunkNo < 1 || chunk.chunkNo > 255) {
    throw new EncodeError(`inline file chunk number must be 1..255, got ${chunk.chunkNo}`);
  }
  return w.byte(chunk.chunkNo).bytes(chunk.bytes).finish();
}

/** '=' + count (1..255) + Word16-length elements. */
export function encodeBinaryBatch(elements: readonly Uint8Array[]): Uint8Array {
  if (elements.length === 0 || elements.length > MAX_BATCH_ELEMENTS) {
    throw new EncodeError(
      `a binary batch has 1..${MAX_BATCH_ELEMENTS} elements, not ${elements.length}`,
    );
  }
  return new Writer()
    .byte(ELEMENT.binaryBatch)
    .list(elements, (w, e) => w.large(e))
    .finish();
}

/** The elements of a binary batch, not yet decoded. */
export function splitBinaryBatch(body: Uint8Array): Uint8Array[] {
  const r = new Reader(body);
  r.expectByte(ELEMENT.binaryBatch, 'binary batch');
  const elements = r.nonEmpty((e) => e.large());
  r.end('binary batch');
  return elements;
}

function readText(bytes: Uint8Array, what: string): string {
  try {
    return fromUtf8(bytes);
  } catch {
    throw new DecodeError(`${what}: invalid UTF-8`);
  }
}
