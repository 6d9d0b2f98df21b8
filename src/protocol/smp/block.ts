/**
 * Transport blocks and transmission batches. Every read and write on an SMP connection is one
 * 16384-byte block; its payload is a batch (count byte 1..255, then each transmission as Large).
 * Without block encryption the payload is padded to the block (Word16 length, payload, '#').
 * Packing keeps 19 bytes free so the same batch fits an encrypted block too.
 */
import { pad } from '../crypto/padding';
import { decodeAll, encode } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';

export const SMP_BLOCK_SIZE = 16384;
/** Pad length (2) + transmission count (1) + block-encryption tag (16). */
export const BLOCK_RESERVED_BYTES = 19;
/** Room for the Large-encoded transmissions of one batch. */
export const MAX_BATCH_BYTES = SMP_BLOCK_SIZE - BLOCK_RESERVED_BYTES;
export const MAX_BATCH_COUNT = 255;

/** Pads `payload` to `size` bytes (Word16 length, payload, '#' fill). */
export function padTo(payload: Uint8Array, size: number): Uint8Array {
  if (payload.length + 2 > size) {
    throw new EncodeError(`payload of ${payload.length} bytes does not fit ${size}`);
  }
  return pad(payload, size);
}

/** The payload of a padded buffer of any size. */
export function unpadFrom(padded: Uint8Array): Uint8Array {
  if (padded.length < 2) throw new DecodeError('padded data too short');
  const length = (padded[0]! << 8) | padded[1]!;
  if (length + 2 > padded.length) throw new DecodeError('padded length out of range');
  return padded.subarray(2, 2 + length);
}

/** A plain (unencrypted) block: the handshake blocks, and every block before v11. */
export function padBlock(payload: Uint8Array): Uint8Array {
  return padTo(payload, SMP_BLOCK_SIZE);
}

export function unpadBlock(block: Uint8Array): Uint8Array {
  if (block.length !== SMP_BLOCK_SIZE) throw new DecodeError(`block of ${block.length} bytes`);
  return unpadFrom(block);
}

/** count || Large(t1) || Large(t2) ... */
export function encodeBatch(transmissions: readonly Uint8Array[]): Uint8Array {
  if (transmissions.length === 0 || transmissions.length > MAX_BATCH_COUNT) {
    throw new EncodeError(`a batch holds 1..${MAX_BATCH_COUNT} transmissions`);
  }
  return encode((w) => {
    w.byte(transmissions.length);
    for (const t of transmissions) w.large(t);
  });
}

export function decodeBatch(payload: Uint8Array): Uint8Array[] {
  return decodeAll(payload, (r) => r.nonEmpty((r2) => r2.large().slice()), 'batch');
}

export interface PackedBatch {
  /** The batch payload, ready for padBlock or a BlockCipher. */
  readonly batch: Uint8Array;
  /** Positions (in the input) of the transmissions it holds, in order. */
  readonly indices: readonly number[];
}

export interface Packing {
  readonly batches: readonly PackedBatch[];
  /** Positions of transmissions that fit no block (the sender reports LARGE_MSG for them). */
  readonly tooLarge: readonly number[];
}

/** Whether a transmission fits a block on its own (as Large, with the reserved bytes). */
export function fitsBlock(transmission: Uint8Array): boolean {
  return transmission.length + 2 <= MAX_BATCH_BYTES;
}

/**
 * How many transmissions, in order from `start`, fit one block: 0 when the first one fits no
 * block. A writer that sends one block at a time takes this many.
 */
export function batchPrefixLength(transmissions: readonly Uint8Array[], start = 0): number {
  let size = 0;
  let count = 0;
  for (let i = start; i < transmissions.length && count < MAX_BATCH_COUNT; i++) {
    size += transmissions[i]!.length + 2;
    if (size > MAX_BATCH_BYTES) break;
    count++;
  }
  return count;
}

/** Packs encoded transmissions, in order, into as few blocks as fit (at most 255 each). */
export function packTransmissions(transmissions: readonly Uint8Array[]): Packing {
  const batches: PackedBatch[] = [];
  const tooLarge: number[] = [];
  const fitting: number[] = [];
  transmissions.forEach((t, i) => (fitsBlock(t) ? fitting : tooLarge).push(i));
  const items = fitting.map((i) => transmissions[i]!);
  for (let at = 0; at < items.length;) {
    const n = batchPrefixLength(items, at);
    batches.push({
      batch: encodeBatch(items.slice(at, at + n)),
      indices: fitting.slice(at, at + n),
    });
    at += n;
  }
  return { batches, tooLarge };
}
