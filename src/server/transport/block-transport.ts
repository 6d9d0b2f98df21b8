// A connection that carries whole 16384-byte blocks, whatever runs underneath: a TLS stream
// (blocks framed from the byte stream) or a WebSocket (one block per binary frame).

export interface TransportEvents {
  /** One complete block, in order. */
  block(block: Uint8Array): void;
  /** The connection is gone (closed by either side, or failed). Called once. */
  closed(reason: string): void;
}

export interface BlockTransport {
  readonly kind: 'tls' | 'ws';
  /** tls-unique of the TLS session: the client's Finished verify_data. */
  readonly sessionId: Uint8Array;
  start(events: TransportEvents): void;
  send(block: Uint8Array): void;
  /** Bytes handed to send() that the network has not taken yet. */
  readonly pendingBytes: number;
  /** Stops reading (backpressure) until resume(). */
  pause(): void;
  resume(): void;
  close(): void;
}
