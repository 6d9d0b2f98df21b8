// Blocks over a TLS socket: the byte stream is cut into 16384-byte blocks.
import type { TLSSocket } from 'node:tls';
import { SMP_BLOCK_SIZE } from '../../protocol/smp/block';
import type { BlockTransport, TransportEvents } from './block-transport';

export class TlsBlockTransport implements BlockTransport {
  readonly kind = 'tls';
  private partial = Buffer.allocUnsafe(SMP_BLOCK_SIZE);
  private filled = 0;

  constructor(
    private readonly socket: TLSSocket,
    readonly sessionId: Uint8Array,
  ) {}

  start(events: TransportEvents): void {
    this.socket.on('data', (chunk: Buffer) => {
      let offset = 0;
      while (offset < chunk.length && !this.socket.destroyed) {
        const n = Math.min(SMP_BLOCK_SIZE - this.filled, chunk.length - offset);
        chunk.copy(this.partial, this.filled, offset, offset + n);
        this.filled += n;
        offset += n;
        if (this.filled === SMP_BLOCK_SIZE) {
          const block = this.partial;
          this.partial = Buffer.allocUnsafe(SMP_BLOCK_SIZE);
          this.filled = 0;
          // A plain Uint8Array: Buffer's slice() is a view, which would let parsed ids keep
          // the whole block alive.
          events.block(new Uint8Array(block.buffer, block.byteOffset, block.length));
        }
      }
    });
    // 'close' always follows 'error'; the reason is only for the debug log.
    let failure = 'closed by the client';
    this.socket.on('error', (e: Error) => (failure = e.message));
    this.socket.on('close', () => events.closed(failure));
  }

  send(block: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(block);
  }

  get pendingBytes(): number {
    return this.socket.writableLength;
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    this.socket.destroy();
  }
}
