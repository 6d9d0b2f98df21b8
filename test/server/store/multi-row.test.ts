import { describe, expect, it } from 'vitest';
import { inChunks, MAX_CHUNK_ROWS, rowPlaceholders } from '../../../src/server/store/multi-row';

describe('multi-row statements', () => {
  it('cuts rows into chunks of powers of two, in order, at most MAX_CHUNK_ROWS each', async () => {
    const rows = Array.from({ length: 2 * MAX_CHUNK_ROWS + 11 }, (_, i) => i);
    const chunks: number[][] = [];
    await inChunks(rows, async (chunk) => {
      chunks.push([...chunk]);
    });
    expect(chunks.map((c) => c.length)).toEqual([MAX_CHUNK_ROWS, MAX_CHUNK_ROWS, 8, 2, 1]);
    expect(chunks.flat()).toEqual(rows);
    await inChunks([], () => Promise.reject(new Error('no rows, no call')));
  });

  it('writes placeholders for rows of columns', () => {
    expect(rowPlaceholders(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(rowPlaceholders(1, 1)).toBe('(?)');
  });
});
