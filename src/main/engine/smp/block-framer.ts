/**
 * Cuts the TLS byte stream into SMP blocks: whatever sizes the chunks come in, every block
 * handed on is exactly 16384 bytes, and a partial block waits for the next chunk.
 */
import { SMP_BLOCK_SIZE } from '../../../protocol/smp';

export class BlockFramer {
  private partial: Uint8Array | undefined;
  private filled = 0;

  constructor(private readonly blockSize = SMP_BLOCK_SIZE) {}

  /** Bytes held back until their block is complete. */
  get buffered(): number {
    return this.filled;
  }

  push(chunk: Uint8Array, onBlock: (block: Uint8Array) => void): void {
    let at = 0;
    if (this.partial) {
      const take = Math.min(this.blockSize - this.filled, chunk.length);
      this.partial.set(chunk.subarray(0, take), this.filled);
      this.filled += take;
      at = take;
      if (this.filled < this.blockSize) return;
      const block = this.partial;
      this.partial = undefined;
      this.filled = 0;
      onBlock(block);
    }
    // Whole blocks inside the chunk are handed on without copying.
    for (; at + this.blockSize <= chunk.length; at += this.blockSize) {
      onBlock(chunk.subarray(at, at + this.blockSize));
    }
    if (at < chunk.length) {
      this.partial = new Uint8Array(this.blockSize);
      this.partial.set(chunk.subarray(at));
      this.filled = chunk.length - at;
    }
  }
}
