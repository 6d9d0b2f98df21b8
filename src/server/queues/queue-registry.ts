// The in-memory index of all queues: by recipient id, sender id and link id. The single source
// the command handlers decide on; SQLite holds the same state durably (see store/).
import { idKey, type Queue } from './queue';

export class QueueRegistry {
  private readonly byRecipient = new Map<string, Queue>();
  private readonly bySender = new Map<string, Queue>();
  private readonly byLink = new Map<string, Queue>();

  get size(): number {
    return this.byRecipient.size;
  }

  byRecipientId(id: Uint8Array): Queue | undefined {
    return this.byRecipient.get(idKey(id));
  }

  bySenderId(id: Uint8Array): Queue | undefined {
    return this.bySender.get(idKey(id));
  }

  byLinkId(id: Uint8Array): Queue | undefined {
    return this.byLink.get(idKey(id));
  }

  /** Whether any of these ids is taken (ids of all kinds share no space, but are checked all). */
  isTaken(recipientId: Uint8Array, senderId: Uint8Array, linkId?: Uint8Array): boolean {
    return (
      this.byRecipient.has(idKey(recipientId)) ||
      this.bySender.has(idKey(senderId)) ||
      (linkId !== undefined && this.byLink.has(idKey(linkId)))
    );
  }

  add(q: Queue): void {
    this.byRecipient.set(idKey(q.recipientId), q);
    this.bySender.set(idKey(q.senderId), q);
    if (q.link) this.byLink.set(idKey(q.link.linkId), q);
  }

  remove(q: Queue): void {
    this.byRecipient.delete(idKey(q.recipientId));
    this.bySender.delete(idKey(q.senderId));
    if (q.link) this.byLink.delete(idKey(q.link.linkId));
  }

  /** Re-indexes a queue whose link changed (`previous` is the link it had). */
  relink(q: Queue, previous: Uint8Array | undefined): void {
    if (previous) this.byLink.delete(idKey(previous));
    if (q.link) this.byLink.set(idKey(q.link.linkId), q);
  }

  all(): IterableIterator<Queue> {
    return this.byRecipient.values();
  }
}
