import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../../../src/main/engine/log';
import { Emitter } from '../../../../src/main/engine/smp/emitter';

interface Events {
  readonly tick: number;
  readonly tock: string;
}

describe('client event emitter', () => {
  it('calls the listeners of an event in order, and stops calling removed ones', () => {
    const e = new Emitter<Events>(createLogger({ sink: () => undefined }));
    const got: string[] = [];
    const off = e.on('tick', (n) => got.push(`a${n}`));
    e.on('tick', (n) => got.push(`b${n}`));
    e.on('tock', (s) => got.push(s));
    e.emit('tick', 1);
    off();
    e.emit('tick', 2);
    e.emit('tock', 'x');
    expect(got).toEqual(['a1', 'b1', 'b2', 'x']);
  });

  it('logs a listener that throws and still calls the others', () => {
    const records: LogRecord[] = [];
    const e = new Emitter<Events>(createLogger({ sink: (r) => records.push(r) }));
    const got: number[] = [];
    e.on('tick', () => {
      throw new Error('listener bug');
    });
    e.on('tick', (n) => got.push(n));
    expect(() => e.emit('tick', 7)).not.toThrow();
    expect(got).toEqual([7]);
    expect(records).toMatchObject([
      { level: 'error', fields: { event: 'tick', error: 'Error: listener bug' } },
    ]);
  });
});
