import { describe, expect, it } from 'vitest';
import { Capacity } from '../../../../src/main/engine/smp/capacity';

describe('in-flight capacity', () => {
  it('lets up to the limit through and queues the rest in order', async () => {
    const c = new Capacity(2);
    await c.acquire();
    await c.acquire();
    expect(c.inUse).toBe(2);
    const order: number[] = [];
    const third = c.acquire().then(() => order.push(3));
    const fourth = c.acquire().then(() => order.push(4));
    expect(c.waiting).toBe(2);
    c.release();
    await third;
    expect(order).toEqual([3]);
    expect(c.inUse).toBe(2);
    c.release();
    await fourth;
    expect(order).toEqual([3, 4]);
    c.release();
    c.release();
    expect(c.inUse).toBe(0);
  });

  it('does not let a newcomer overtake a waiter', async () => {
    const c = new Capacity(1);
    await c.acquire();
    const order: string[] = [];
    const waiter = c.acquire().then(() => order.push('waiter'));
    c.release();
    const newcomer = c.acquire().then(() => order.push('newcomer'));
    await waiter;
    c.release();
    await newcomer;
    expect(order).toEqual(['waiter', 'newcomer']);
  });

  it('rejects waiters and later callers once failed', async () => {
    const c = new Capacity(1);
    await c.acquire();
    const waiting = c.acquire();
    const error = new Error('gone');
    c.fail(error);
    await expect(waiting).rejects.toBe(error);
    await expect(c.acquire()).rejects.toBe(error);
    expect(c.waiting).toBe(0);
  });

  it('needs a positive whole limit', () => {
    expect(() => new Capacity(0)).toThrow(RangeError);
    expect(() => new Capacity(1.5)).toThrow(RangeError);
  });
});
