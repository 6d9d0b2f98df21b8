// Bodies of messages waiting for a subscribed recipient, by message row id, so that the MSG that
// answers an ACK is built without reading SQLite (which stays the durable record of every body).
// Bounded by bytes. Messages are delivered oldest first, so when the cache is full it keeps what
// it holds and turns new bodies away: those are read from SQLite when their turn comes.
import type { MessageMeta } from './queue';

export class BodyCache {
  private readonly bodies = new Map<number, Uint8Array>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes held. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.bodies.size;
  }

  /** Keeps the body of message `rowId` if it fits. */
  keep(rowId: number, body: Uint8Array): void {
    if (this.bodies.has(rowId) || this.used + body.length > this.maxBytes) return;
    this.bodies.set(rowId, body);
    this.used += body.length;
  }

  get(rowId: number): Uint8Array | undefined {
    return this.bodies.get(rowId);
  }

  /** Forgets bodies that are no longer awaited: acknowledged, expired, deleted or unsubscribed. */
  drop(messages: Iterable<MessageMeta>): void {
    for (const m of messages) {
      const body = this.bodies.get(m.rowId);
      if (!body) continue;
      this.bodies.delete(m.rowId);
      this.used -= body.length;
    }
  }
}
