// The rules of a queue's message list (§1.5), on the in-memory metadata: the quota with its
// marker, and expiry from the head. Pure functions; the caller persists what they decide.
import { bytesEqual } from '../../protocol/encoding/bytes';
import type { MessageMeta, Queue } from './queue';

export type Admission = 'accept' | 'quota-marker' | 'refuse';

/**
 * What a SEND may add: the message while the queue has room; the quota marker when this SEND
 * finds it full (answered ERR QUOTA); nothing while the marker is still queued. A queue that
 * reached its quota accepts messages again only once the recipient has drained it, marker
 * included, as upstream does.
 */
export function admission(q: Queue, quota: number): Admission {
  const last = q.messages[q.messages.length - 1];
  if (last?.quota) return 'refuse';
  return q.messages.length < quota ? 'accept' : 'quota-marker';
}

/** Removes the messages older than `cutoff` (seconds) from the head; returns them. */
export function expireHead(q: Queue, cutoff: number): MessageMeta[] {
  let n = 0;
  while (n < q.messages.length && q.messages[n]!.timestamp < cutoff) n++;
  return n === 0 ? [] : q.messages.splice(0, n);
}

/** Removes the message if it is the head (the only one that can be acknowledged). */
export function removeHead(q: Queue, msgId: Uint8Array): MessageMeta | undefined {
  const head = q.messages[0];
  if (!head || !bytesEqual(head.msgId, msgId)) return undefined;
  q.messages.shift();
  return head;
}
