import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../src/protocol/crypto/lru';

describe('LruCache', () => {
  it('creates a value once and returns it while it is cached', () => {
    const cache = new LruCache<string, object>(2);
    const a = cache.get('a', () => ({}));
    expect(cache.get('a', () => ({}))).toBe(a);
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    let made = 0;
    const get = (k: string) => cache.get(k, () => ++made);
    get('a');
    get('b');
    get('a'); // 'b' is now the oldest
    get('c');
    expect(cache.size).toBe(2);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4); // made again
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
