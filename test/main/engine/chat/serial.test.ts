import { describe, expect, it } from 'vitest';
import { KeyedSerial } from '../../../../src/main/engine/chat/serial';
import { deferred } from '../../../support/temp-dir';

describe('KeyedSerial', () => {
  it('runs tasks of one key in order and tasks of different keys independently', async () => {
    const serial = new KeyedSerial();
    const order: string[] = [];
    const gate = deferred();
    const a1 = serial.run('a', async () => {
      await gate.promise;
      order.push('a1');
    });
    const a2 = serial.run('a', async () => {
      order.push('a2');
    });
    await serial.run('b', async () => {
      order.push('b1');
    });
    expect(order).toEqual(['b1']);
    gate.resolve();
    await Promise.all([a1, a2]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });

  it('goes on after a failed task, which rejects only its own caller', async () => {
    const serial = new KeyedSerial();
    const failed = serial.run('a', () => Promise.reject(new Error('boom')));
    const next = serial.run('a', () => Promise.resolve(2));
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe(2);
    await serial.idle();
  });
});
