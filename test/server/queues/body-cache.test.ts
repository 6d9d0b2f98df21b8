import { describe, expect, it } from 'vitest';
import { BodyCache } from '../../../src/server/queues/body-cache';
import type { MessageMeta } from '../../../src/server/queues/queue';

const meta = (rowId: number): MessageMeta => ({
  rowId,
  msgId: new Uint8Array(24),
  timestamp: 0,
  quota: false,
  notification: false,
});

describe('BodyCache', () => {
  it('keeps bodies until they are dropped, counting their bytes', () => {
    const cache = new BodyCache(100);
    cache.keep(1, new Uint8Array(30));
    cache.keep(2, new Uint8Array(40));
    expect(cache.get(1)).toHaveLength(30);
    expect(cache.bytes).toBe(70);
    cache.drop([meta(1), meta(3)]);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toHaveLength(40);
    expect(cache.bytes).toBe(40);
  });

  it('turns a body away when it does not fit, keeping the older ones', () => {
    const cache = new BodyCache(100);
    cache.keep(1, new Uint8Array(60));
    cache.keep(2, new Uint8Array(60));
    expect(cache.get(1)).toBeDefined();
    expect(cache.get(2)).toBeUndefined();
    cache.drop([meta(1)]);
    cache.keep(2, new Uint8Array(60));
    expect(cache.get(2)).toBeDefined();
  });

  it('counts a body kept twice once', () => {
    const cache = new BodyCache(100);
    cache.keep(1, new Uint8Array(30));
    cache.keep(1, new Uint8Array(30));
    expect(cache.bytes).toBe(30);
    expect(cache.size).toBe(1);
  });

  it('keeps nothing with a bound of 0', () => {
    const cache = new BodyCache(0);
    cache.keep(1, new Uint8Array(1));
    expect(cache.size).toBe(0);
  });
});
