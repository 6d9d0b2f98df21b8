import { describe, expect, it } from 'vitest';
import { DecodeError, EncodeError, toHex } from '../../../src/protocol/encoding';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_COUNT,
  SMP_BLOCK_SIZE,
  batchPrefixLength,
  decodeBatch,
  encodeBatch,
  fitsBlock,
  packTransmissions,
  padBlock,
  unpadBlock,
} from '../../../src/protocol/smp';

const filled = (n: number, b = 7) => new Uint8Array(n).fill(b);

describe('blocks', () => {
  it('pads to 16384 with a length and #', () => {
    const block = padBlock(Uint8Array.of(1, 2, 3));
    expect(block.length).toBe(SMP_BLOCK_SIZE);
    expect(toHex(block.subarray(0, 6))).toBe('000301020323');
    expect(block.subarray(5).every((b) => b === 0x23)).toBe(true);
    expect(unpadBlock(block)).toEqual(Uint8Array.of(1, 2, 3));
    expect(padBlock(filled(SMP_BLOCK_SIZE - 2)).length).toBe(SMP_BLOCK_SIZE);
    expect(() => padBlock(filled(SMP_BLOCK_SIZE - 1))).toThrow(EncodeError);
  });

  it('rejects blocks of the wrong size or length', () => {
    expect(() => unpadBlock(new Uint8Array(100))).toThrow(DecodeError);
    const bad = padBlock(Uint8Array.of(1));
    bad[0] = 0x40;
    expect(() => unpadBlock(bad)).toThrow(DecodeError);
  });
});

describe('batches', () => {
  it('count then each transmission as Large', () => {
    const batch = encodeBatch([Uint8Array.of(9), Uint8Array.of(), Uint8Array.of(1, 2)]);
    expect(toHex(batch)).toBe('03' + '000109' + '0000' + '00020102');
    expect(decodeBatch(batch)).toEqual([Uint8Array.of(9), Uint8Array.of(), Uint8Array.of(1, 2)]);
  });

  it('holds 1..255 transmissions', () => {
    expect(() => encodeBatch([])).toThrow(EncodeError);
    expect(() => encodeBatch(Array.from({ length: 256 }, () => Uint8Array.of(1)))).toThrow(
      EncodeError,
    );
    expect(
      decodeBatch(encodeBatch(Array.from({ length: 255 }, () => Uint8Array.of(1)))).length,
    ).toBe(255);
  });

  it.each([
    ['empty', Uint8Array.of()],
    ['zero count', Uint8Array.of(0)],
    ['truncated', Uint8Array.of(1, 0, 5, 1)],
    ['fewer than counted', Uint8Array.of(2, 0, 1, 9)],
    ['trailing bytes', Uint8Array.of(1, 0, 1, 9, 0)],
  ])('%s is a DecodeError', (_name, input) => {
    expect(() => decodeBatch(input)).toThrow(DecodeError);
  });
});

describe('packing', () => {
  it('fills a block up to the 19 reserved bytes', () => {
    // Two transmissions whose Large encodings exactly fill the room.
    const a = filled(8000);
    const b = filled(MAX_BATCH_BYTES - 8002 - 2);
    const packed = packTransmissions([a, b]);
    expect(packed.tooLarge).toEqual([]);
    expect(packed.batches.map((p) => p.indices)).toEqual([[0, 1]]);
    const batch = packed.batches[0]!.batch;
    expect(batch.length).toBe(SMP_BLOCK_SIZE - 18);
    expect(padBlock(batch).length).toBe(SMP_BLOCK_SIZE);
    // One byte more starts a second block.
    const over = packTransmissions([a, filled(b.length + 1)]);
    expect(over.batches.map((p) => p.indices)).toEqual([[0], [1]]);
  });

  it('puts at most 255 transmissions in a block', () => {
    const packed = packTransmissions(Array.from({ length: 600 }, () => Uint8Array.of(1)));
    expect(packed.batches.map((p) => p.indices.length)).toEqual([
      MAX_BATCH_COUNT,
      MAX_BATCH_COUNT,
      90,
    ]);
    expect(packed.batches.flatMap((p) => p.indices)).toEqual(
      Array.from({ length: 600 }, (_, i) => i),
    );
    for (const p of packed.batches) expect(decodeBatch(p.batch).length).toBe(p.indices.length);
  });

  it('reports transmissions that fit no block and keeps the order of the others', () => {
    const packed = packTransmissions([
      filled(10),
      filled(MAX_BATCH_BYTES - 1),
      filled(20),
      filled(MAX_BATCH_BYTES - 2),
    ]);
    expect(packed.tooLarge).toEqual([1]);
    expect(packed.batches.map((p) => p.indices)).toEqual([[0, 2], [3]]);
  });

  it('packs nothing from nothing', () => {
    expect(packTransmissions([])).toEqual({ batches: [], tooLarge: [] });
  });

  it('takes the prefix that fits one block, for writers that send a block at a time', () => {
    const a = filled(8000);
    const b = filled(MAX_BATCH_BYTES - 8002 - 2);
    expect(batchPrefixLength([a, b, filled(1)])).toBe(2);
    expect(batchPrefixLength([a, b, filled(1)], 2)).toBe(1);
    expect(batchPrefixLength([a, filled(b.length + 1)])).toBe(1);
    expect(batchPrefixLength(Array.from({ length: 300 }, () => Uint8Array.of(1)))).toBe(255);
    expect(batchPrefixLength([filled(MAX_BATCH_BYTES - 1), a])).toBe(0);
    expect(batchPrefixLength([a], 1)).toBe(0);
    expect(fitsBlock(filled(MAX_BATCH_BYTES - 2))).toBe(true);
    expect(fitsBlock(filled(MAX_BATCH_BYTES - 1))).toBe(false);
  });
});
