// Blocks over a WebSocket (as upstream serves web clients): every binary message is exactly
// one block; any other message is a protocol violation that closes the connection.
import type { RawData, WebSocket } from 'ws';
import { SMP_BLOCK_SIZE } from '../../protocol/smp/block';
import type { BlockTransport, TransportEvents } from './block-transport';

/** WebSocket close code for a message that is not one block (RFC 6455 "unsupported data"). */
const UNSUPPORTED_DATA = 1003;

/** The message as a plain Uint8Array (Buffer's slice() is a view; see tls-transport.ts). */
function bytesOf(data: RawData): Uint8Array {
  const b = Array.isArray(data) ? Buffer.concat(data) : data;
  return b instanceof ArrayBuffer
    ? new Uint8Array(b)
    : new Uint8Array(b.buffer, b.byteOffset, b.length);
}

export class WsBlockTransport implements BlockTransport {
  readonly kind = 'ws';

  constructor(
    private readonly ws: WebSocket,
    readonly sessionId: Uint8Array,
  ) {}

  start(events: TransportEvents): void {
    let reason = 'closed by the client';
    this.ws.on('message', (data, isBinary) => {
      const block = bytesOf(data);
      if (!isBinary || block.length !== SMP_BLOCK_SIZE) {
        reason = 'a WebSocket message that is not one block';
        this.ws.close(UNSUPPORTED_DATA, 'one SMP block per binary message');
        this.ws.terminate();
        return;
      }
      events.block(block);
    });
    this.ws.on('error', (e) => (reason = e.message));
    this.ws.on('close', () => events.closed(reason));
  }

  send(block: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(block, { binary: true });
  }

  get pendingBytes(): number {
    return this.ws.bufferedAmount;
  }

  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  close(): void {
    this.ws.terminate();
  }
}
