import { describe, expect, it } from 'vitest';
import { BlockFramer } from '../../../../src/main/engine/smp/block-framer';

const SIZE = 8;
const stream = (n: number) => Uint8Array.from({ length: n }, (_, i) => i & 0xff);

function feed(chunks: Uint8Array[]): { blocks: Uint8Array[]; framer: BlockFramer } {
  const framer = new BlockFramer(SIZE);
  const blocks: Uint8Array[] = [];
  for (const c of chunks) framer.push(c, (b) => blocks.push(b.slice()));
  return { blocks, framer };
}

function split(data: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const s of sizes) {
    out.push(data.subarray(at, at + s));
    at += s;
  }
  if (at < data.length) out.push(data.subarray(at));
  return out;
}

describe('block framing', () => {
  it.each([
    ['one chunk per block', [8, 8, 8]],
    ['several blocks per chunk', [24]],
    ['byte by byte', Array.from({ length: 24 }, () => 1)],
    ['chunks across block edges', [3, 7, 9, 5]],
    ['empty chunks', [0, 8, 0, 16, 0]],
  ])('%s gives the same blocks', (_name, sizes) => {
    const data = stream(24);
    const { blocks, framer } = feed(split(data, sizes));
    expect(blocks).toEqual([data.slice(0, 8), data.slice(8, 16), data.slice(16, 24)]);
    expect(framer.buffered).toBe(0);
  });

  it('keeps a partial block until it is complete', () => {
    const data = stream(13);
    const { blocks, framer } = feed([data]);
    expect(blocks.length).toBe(1);
    expect(framer.buffered).toBe(5);
    const more: Uint8Array[] = [];
    framer.push(stream(3), (b) => more.push(b));
    expect(more).toEqual([Uint8Array.of(8, 9, 10, 11, 12, 0, 1, 2)]);
    expect(framer.buffered).toBe(0);
  });

  it('uses SMP blocks by default', () => {
    const framer = new BlockFramer();
    const blocks: Uint8Array[] = [];
    framer.push(new Uint8Array(16384 + 10), (b) => blocks.push(b));
    expect(blocks.map((b) => b.length)).toEqual([16384]);
    expect(framer.buffered).toBe(10);
  });
});
