// A queue as the server holds it in memory: ids, keys, mode, status, the link id (the link
// blobs stay in SQLite), and the metadata of its undelivered messages in arrival order (the
// bodies stay in SQLite). Commands decide against this state synchronously, in arrival order,
// and then persist what they decided through the group commit.
import { bytesEqual, fromLatin1 } from '../../protocol/encoding/bytes';
import type { QueueMode } from '../../protocol/smp/commands';

export type QueueStatus = 'active' | 'off';

export interface MessageMeta {
  /** The row id in SQLite, assigned by the server in arrival order. */
  readonly rowId: number;
  /** 24 random bytes, the nonce of the delivered ciphertext. */
  readonly msgId: Uint8Array;
  /** Seconds since the Unix epoch. */
  readonly timestamp: number;
  /** The marker that the queue had been full, delivered after everything before it. */
  readonly quota: boolean;
  readonly notification: boolean;
}

export interface QueueLink {
  readonly linkId: Uint8Array;
  /** SHA-256 of the encrypted fixed data: it may never change once set (§4.4). */
  readonly fixedDigest: Uint8Array;
}

export interface Queue {
  readonly recipientId: Uint8Array;
  readonly senderId: Uint8Array;
  readonly recipientKeys: readonly Uint8Array[];
  readonly rcvDhSecret: Uint8Array;
  senderKey: Uint8Array | undefined;
  /** Undefined for queues created before modes existed (SMP v6-8). */
  readonly mode: QueueMode | undefined;
  status: QueueStatus;
  link: QueueLink | undefined;
  /** Undelivered messages, oldest first. */
  readonly messages: MessageMeta[];
  readonly createdAt: number;
  updatedAt: number;
}

/** A map key for a binary id. */
export function idKey(id: Uint8Array): string {
  return fromLatin1(id);
}

/** Contact queues are never secured; a queue without a mode is one while it has no sender key. */
export function isContactQueue(q: Queue): boolean {
  return q.mode === undefined ? q.senderKey === undefined : q.mode === 'contact';
}

/** A messaging (or mode-less) queue that has a sender key. */
export function isSecuredMessagingQueue(q: Queue): boolean {
  return q.mode !== 'contact' && q.senderKey !== undefined;
}

/** Whether `key` may secure the queue: messaging mode, and unsecured or secured with `key`. */
export function maySecureWith(q: Queue, key: Uint8Array): boolean {
  return q.mode === 'messaging' && (q.senderKey === undefined || bytesEqual(q.senderKey, key));
}
