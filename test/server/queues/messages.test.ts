import { describe, expect, it } from 'vitest';
import { admission, expireHead, removeHead } from '../../../src/server/queues/messages';
import type { MessageMeta, Queue } from '../../../src/server/queues/queue';

function meta(rowId: number, timestamp: number, quota = false): MessageMeta {
  return { rowId, msgId: Uint8Array.of(rowId), timestamp, quota, notification: false };
}

function queue(messages: MessageMeta[]): Queue {
  const id = new Uint8Array(24);
  return {
    recipientId: id,
    senderId: id,
    recipientKeys: [],
    rcvDhSecret: id,
    senderKey: undefined,
    mode: 'messaging',
    status: 'active',
    link: undefined,
    messages,
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('queue message rules', () => {
  it('accepts below the quota, adds the marker at it, and refuses while the marker is queued', () => {
    expect(admission(queue([]), 2)).toBe('accept');
    expect(admission(queue([meta(1, 0)]), 2)).toBe('accept');
    expect(admission(queue([meta(1, 0), meta(2, 0)]), 2)).toBe('quota-marker');
    expect(admission(queue([meta(1, 0), meta(2, 0), meta(3, 0, true)]), 2)).toBe('refuse');
    // Even after some are read, the marker blocks until the queue is drained.
    expect(admission(queue([meta(3, 0, true)]), 2)).toBe('refuse');
  });

  it('expires from the head only what is older than the cutoff', () => {
    const q = queue([meta(1, 10), meta(2, 20), meta(3, 30)]);
    expect(expireHead(q, 10)).toEqual([]);
    expect(expireHead(q, 21).map((m) => m.rowId)).toEqual([1, 2]);
    expect(q.messages.map((m) => m.rowId)).toEqual([3]);
  });

  it('removes a message only when it is the head', () => {
    const q = queue([meta(1, 0), meta(2, 0)]);
    expect(removeHead(q, Uint8Array.of(2))).toBeUndefined();
    expect(removeHead(q, Uint8Array.of(1))?.rowId).toBe(1);
    expect(q.messages).toHaveLength(1);
  });
});
