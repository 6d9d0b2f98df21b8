import { describe, expect, it } from 'vitest';
import { AgentTimers } from '../../../../src/main/engine/agent/timers';

const server = (host: string) => ({ hosts: [host], port: '5223', keyHash: new Uint8Array(32) });
const HOUR = 3_600_000;

describe('AgentTimers', () => {
  it('wakes a sleeper when its server, or any server for an unbound sleeper, reconnects', async () => {
    const timers = new AgentTimers();
    const woken: string[] = [];
    const a = timers.sleep(HOUR, server('a')).then(() => woken.push('a'));
    const any = timers.sleep(HOUR).then(() => woken.push('any'));
    const b = timers.sleep(HOUR, server('b')).then(() => woken.push('b'));
    timers.wakeServer(server('a'));
    await Promise.all([a, any]);
    expect(woken.sort()).toEqual(['a', 'any']);
    timers.clear();
    await b;
    expect(woken).toContain('b');
  });

  it('cancels timers that have not fired', () => {
    const timers = new AgentTimers();
    let fired = false;
    const cancel = timers.after(HOUR, () => (fired = true));
    cancel();
    timers.clear();
    expect(fired).toBe(false);
  });
});
