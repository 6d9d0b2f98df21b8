// Packing encoded messages into as few bodies as fit: JSON arrays `[m1,m2,…]` (chat v5 in groups,
// v9 in direct chats) or binary batches of elements. A batch of one is sent as the message
// itself, unless a binary batch is asked to always wrap (relay delivery does, since an element
// may be a file chunk). Order is kept; a body is never over the limit; a message that cannot fit
// even alone is reported, and the others are still sent.
import { concatBytes } from '../encoding/bytes';
import { EncodeError } from '../encoding/errors';
import { encodeBinaryBatch } from './elements';
import { MAX_BATCH_ELEMENTS, MessageTooLargeError } from './limits';

export type BatchMode = 'json' | 'binary';

export interface BatchOptions {
  mode: BatchMode;
  /** The body limit, e.g. MAX_ENCODED_MSG_LENGTH. */
  maxLength: number;
  /** Binary mode: frame a single element as a batch too. */
  alwaysWrap?: boolean;
}

/** A body to send with the positions of its messages in the input, or a message too large. */
export type BatchResult =
  | { ok: true; body: Uint8Array; indexes: number[] }
  | { ok: false; index: number; error: MessageTooLargeError };

const OPEN = Uint8Array.of(0x5b); // '['
const COMMA = Uint8Array.of(0x2c); // ','
const CLOSE = Uint8Array.of(0x5d); // ']'

/** A JSON batch body: one message as is, several as an array. */
export function encodeJsonBatch(bodies: readonly Uint8Array[]): Uint8Array {
  const [first, ...rest] = bodies;
  if (!first) throw new EncodeError('an empty batch has no body');
  if (rest.length === 0) return first;
  return concatBytes(OPEN, ...bodies.flatMap((b, i) => (i === 0 ? [b] : [COMMA, b])), CLOSE);
}

/** Packs the bodies greedily, in order, into batches within `maxLength`. */
export function batchBodies(bodies: readonly Uint8Array[], options: BatchOptions): BatchResult[] {
  const results: BatchResult[] = [];
  let pending: number[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const parts = pending.map((i) => bodies[i]!);
    results.push({ ok: true, body: frame(parts, options), indexes: pending });
    pending = [];
    pendingBytes = 0;
  };
  bodies.forEach((body, index) => {
    if (framedLength(body.length, 1, options) > options.maxLength) {
      flush();
      results.push({ ok: false, index, error: tooLarge(body.length, options) });
      return;
    }
    const fits =
      (options.mode === 'json' || pending.length < MAX_BATCH_ELEMENTS) &&
      framedLength(pendingBytes + body.length, pending.length + 1, options) <= options.maxLength;
    if (!fits) flush();
    pending.push(index);
    pendingBytes += body.length;
  });
  flush();
  return results;
}

/** The body length of `count` messages totalling `bytes`, once framed. */
function framedLength(bytes: number, count: number, options: BatchOptions): number {
  if (options.mode === 'json') return count === 1 ? bytes : bytes + count + 1; // commas, brackets
  return count === 1 && !options.alwaysWrap ? bytes : bytes + 2 * count + 2; // '=', count, lengths
}

function frame(parts: Uint8Array[], options: BatchOptions): Uint8Array {
  if (options.mode === 'json') return encodeJsonBatch(parts);
  return parts.length === 1 && !options.alwaysWrap ? parts[0]! : encodeBinaryBatch(parts);
}

function tooLarge(length: number, options: BatchOptions): MessageTooLargeError {
  const overhead = framedLength(0, 1, options);
  return new MessageTooLargeError(length, options.maxLength - overhead);
}
