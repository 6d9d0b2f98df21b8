import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  MAX_BATCH_BYTES,
  SMP_BLOCK_SIZE,
  decodeBatch,
  plainBlocks,
} from '../../../../src/protocol/smp';
import { BlockWriter } from '../../../../src/main/engine/smp/block-writer';

/** A real stream whose writes complete only when the test lets them. */
function slowSocket() {
  const written: Uint8Array[] = [];
  const held: (() => void)[] = [];
  const socket = new Writable({
    highWaterMark: SMP_BLOCK_SIZE,
    write(chunk: Buffer, _enc, done) {
      written.push(new Uint8Array(chunk));
      held.push(done);
    },
  });
  const completeWrites = () => {
    for (const done of held.splice(0)) done();
  };
  return { socket, written, completeWrites };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const batches = (blocks: Uint8Array[]) => blocks.map((b) => decodeBatch(plainBlocks.decode(b)));

describe('block writer', () => {
  it('sends what was queued in one turn together, in order', async () => {
    const { socket, written } = slowSocket();
    const writer = new BlockWriter(socket, plainBlocks);
    writer.push(bytes(10, 1));
    writer.push(bytes(20, 2));
    writer.push(bytes(30, 3));
    expect(written).toEqual([]);
    await nextTurn();
    expect(batches(written)).toEqual([[bytes(10, 1), bytes(20, 2), bytes(30, 3)]]);
    expect(writer.written).toBe(1);
  });

  it('starts a new block where the next transmission does not fit', async () => {
    const { socket, written, completeWrites } = slowSocket();
    const writer = new BlockWriter(socket, plainBlocks);
    const half = Math.floor(MAX_BATCH_BYTES / 2) - 2;
    for (let i = 1; i <= 5; i++) writer.push(bytes(half, i));
    await nextTurn();
    // The socket's buffer is full after one block: the rest waits for 'drain'.
    expect(written.length).toBe(1);
    expect(writer.queued).toBe(3);
    completeWrites();
    await nextTurn();
    completeWrites();
    await nextTurn();
    expect(batches(written)).toEqual([
      [bytes(half, 1), bytes(half, 2)],
      [bytes(half, 3), bytes(half, 4)],
      [bytes(half, 5)],
    ]);
    expect(writer.queued).toBe(0);
  });

  it('holds transmissions queued while waiting for drain and sends them after it', async () => {
    const { socket, written, completeWrites } = slowSocket();
    const writer = new BlockWriter(socket, plainBlocks);
    writer.push(bytes(5, 1));
    await nextTurn();
    expect(written.length).toBe(1);
    writer.push(bytes(5, 2));
    writer.push(bytes(5, 3));
    await nextTurn();
    expect(written.length).toBe(1);
    completeWrites();
    await nextTurn();
    expect(batches(written)).toEqual([[bytes(5, 1)], [bytes(5, 2), bytes(5, 3)]]);
  });

  it('puts at most 255 transmissions in a block', async () => {
    const written: Uint8Array[] = [];
    const socket = new Writable({
      highWaterMark: 1 << 24,
      write(chunk: Buffer, _enc, done) {
        written.push(new Uint8Array(chunk));
        done();
      },
    });
    const writer = new BlockWriter(socket, plainBlocks);
    for (let i = 0; i < 300; i++) writer.push(Uint8Array.of(i & 0xff));
    await nextTurn();
    expect(batches(written).map((b) => b.length)).toEqual([255, 45]);
  });

  it('writes nothing after stop', async () => {
    const { socket, written } = slowSocket();
    const writer = new BlockWriter(socket, plainBlocks);
    writer.push(bytes(5, 1));
    writer.stop();
    writer.push(bytes(5, 2));
    await nextTurn();
    expect(written).toEqual([]);
    expect(writer.queued).toBe(0);
  });
});
