import { describe, expect, it } from 'vitest';
import { ConnectionLocks } from '../../../../src/main/engine/agent/hot-state';
import { deferred } from '../../../support/temp-dir';

describe('ConnectionLocks', () => {
  it('runs the work of one connection in call order, one at a time', async () => {
    const locks = new ConnectionLocks();
    const order: string[] = [];
    const gate = deferred();
    const first = locks.run('c1', async () => {
      order.push('first start');
      await gate.promise;
      order.push('first end');
    });
    const second = locks.run('c1', async () => {
      order.push('second');
    });
    // Another connection is not held up.
    await locks.run('c2', async () => {
      order.push('other');
    });
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first start', 'other', 'first end', 'second']);
  });

  it('goes on after a failure, which only its caller sees', async () => {
    const locks = new ConnectionLocks();
    const failed = locks.run('c1', () => Promise.reject(new Error('boom')));
    const next = locks.run('c1', async () => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });
});
