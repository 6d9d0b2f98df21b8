// Which connection is subscribed to each queue: at most one (§1.5). A new subscriber ends the
// previous one's subscription with END; deleting a queue ends it with DELD.
import type { ClientSession } from '../commands/context';
import { idKey } from './queue';

export class Subscribers {
  private readonly byQueue = new Map<string, ClientSession>();

  get size(): number {
    return this.byQueue.size;
  }

  current(recipientId: Uint8Array): ClientSession | undefined {
    return this.byQueue.get(idKey(recipientId));
  }

  /** Makes `session` the subscriber; a different previous one loses the queue and gets END. */
  subscribe(recipientId: Uint8Array, session: ClientSession): void {
    const key = idKey(recipientId);
    const previous = this.byQueue.get(key);
    this.byQueue.set(key, session);
    if (previous && previous !== session) {
      previous.subscriptions.delete(key);
      previous.sendEvent(recipientId, { type: 'END' });
    }
  }

  /** The queue was deleted by `by`: another subscriber gets DELD (END before SMP v10). */
  deleted(recipientId: Uint8Array, by: ClientSession): void {
    const key = idKey(recipientId);
    const current = this.byQueue.get(key);
    this.byQueue.delete(key);
    by.subscriptions.delete(key);
    if (current && current !== by) {
      current.subscriptions.delete(key);
      current.sendEvent(recipientId, { type: 'DELD' });
    }
  }

  /** A connection closed: it no longer holds any queue. */
  release(session: ClientSession): void {
    for (const sub of session.subscriptions.values()) {
      const key = idKey(sub.recipientId);
      if (this.byQueue.get(key) === session) this.byQueue.delete(key);
    }
  }
}
