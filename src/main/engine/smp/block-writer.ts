/**
 * The sending half of a connection. Transmissions queued during one turn of the event loop go
 * out together, packed in order into as few blocks as fit; blocks are written one at a time
 * until the socket asks to wait, and the rest waits for 'drain'. The queue itself is bounded
 * by the connection's in-flight limit, not here.
 */
import { batchPrefixLength, encodeBatch, type BlockCodec } from '../../../protocol/smp';

/** What the writer needs of a socket (a node stream.Writable has it all). */
export interface BlockSink {
  write(block: Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
  cork(): void;
  uncork(): void;
}

export class BlockWriter {
  private queue: Uint8Array[] = [];
  private scheduled = false;
  private waitingForDrain = false;
  private stopped = false;
  private blocks = 0;

  constructor(
    private readonly sink: BlockSink,
    private readonly codec: BlockCodec,
  ) {}

  /** Transmissions not yet written. */
  get queued(): number {
    return this.queue.length;
  }

  /** Blocks written so far. */
  get written(): number {
    return this.blocks;
  }

  /** Queues one encoded transmission; it must fit a block on its own (fitsBlock). */
  push(transmission: Uint8Array): void {
    if (this.stopped) return;
    this.queue.push(transmission);
    if (this.scheduled || this.waitingForDrain) return;
    this.scheduled = true;
    // After the current turn, so that everything queued in it shares blocks.
    setImmediate(this.flush);
  }

  /** Drops whatever is queued and writes nothing more. */
  stop(): void {
    this.stopped = true;
    this.queue = [];
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    if (this.stopped || this.waitingForDrain) return;
    const queue = this.queue;
    let at = 0;
    this.sink.cork();
    try {
      while (at < queue.length) {
        // At least 1: every queued transmission fits a block by itself.
        const n = Math.max(1, batchPrefixLength(queue, at));
        const block = this.codec.encode(encodeBatch(queue.slice(at, at + n)));
        at += n;
        this.blocks++;
        if (!this.sink.write(block)) {
          this.waitingForDrain = true;
          this.sink.once('drain', this.onDrain);
          break;
        }
      }
    } finally {
      this.sink.uncork();
    }
    this.queue = at === queue.length ? [] : queue.slice(at);
  };

  private readonly onDrain = (): void => {
    this.waitingForDrain = false;
    if (this.queue.length > 0 && !this.scheduled) this.flush();
  };
}
