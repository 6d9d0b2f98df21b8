import { describe, expect, it } from 'vitest';
import { AgentEventEmitter } from '../../../../src/main/engine/agent/events';
import { createLogger, type LogRecord } from '../../../../src/main/engine/log';

describe('AgentEventEmitter', () => {
  it('delivers to every listener even when one throws, and logs the failure', () => {
    const records: LogRecord[] = [];
    const events = new AgentEventEmitter(createLogger({ sink: (r) => records.push(r) }));
    const seen: string[] = [];
    events.on('connected', () => {
      throw new Error('listener bug');
    });
    const off = events.on('connected', (e) => seen.push(e.connId));
    events.emit('connected', { connId: 'c1' });
    off();
    events.emit('connected', { connId: 'c2' });
    expect(seen).toEqual(['c1']);
    expect(records.map((r) => r.msg)).toEqual([
      'agent event listener failed',
      'agent event listener failed',
    ]);
  });
});
