import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../../src/main/engine/log';

function capture(level: 'debug' | 'info' = 'info') {
  const records: LogRecord[] = [];
  const log = createLogger({ level, sink: (r) => records.push(r), now: () => new Date(0) });
  return { log, records };
}

describe('logger', () => {
  it('writes structured records at or above its level', () => {
    const { log, records } = capture('info');
    log.debug('hidden');
    log.info('store opened', { version: 1, fresh: true });
    log.child('store').warn('slow query', { ms: 55 });
    expect(records).toEqual([
      {
        time: '1970-01-01T00:00:00.000Z',
        level: 'info',
        scope: 'engine',
        msg: 'store opened',
        fields: { version: 1, fresh: true },
      },
      {
        time: '1970-01-01T00:00:00.000Z',
        level: 'warn',
        scope: 'engine.store',
        msg: 'slow query',
        fields: { ms: 55 },
      },
    ]);
  });

  it('never writes values of fields that may hold secrets or content', () => {
    const { log, records } = capture();
    const secret = 'hunter2-SECRET';
    log.info('event', {
      text: secret,
      body: secret,
      plaintext: secret,
      privateKey: secret,
      token: secret,
      password: secret,
      displayName: secret,
      link: secret,
      messageBody: secret,
      state: 'ready',
    });
    const line = JSON.stringify(records);
    expect(line).not.toContain('hunter2');
    expect(records[0]?.fields.state).toBe('ready');
    expect(records[0]?.fields.text).toBe('[redacted]');
  });

  it('cuts long strings and reduces errors to name, code and message', () => {
    const { log, records } = capture();
    const err = Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    log.error('write failed', { error: err, state: 'x'.repeat(500) });
    expect(records[0]?.fields.error).toBe('Error [SQLITE_FULL]: disk full');
    expect(String(records[0]?.fields.state).length).toBeLessThanOrEqual(201);
  });
});
