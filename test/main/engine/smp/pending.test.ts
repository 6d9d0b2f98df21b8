import { describe, expect, it } from 'vitest';
import type { Response } from '../../../../src/protocol/smp';
import { SmpClientError } from '../../../../src/main/engine/smp';
import { PendingRequests } from '../../../../src/main/engine/smp/pending';
import { ManualTimers } from './manual-timers';

const corr = (n: number) => new Uint8Array(24).fill(n);
const entity = Uint8Array.of(1, 2, 3);
const OK: Response = { type: 'OK' };

function request() {
  const outcome: { response?: Response; error?: SmpClientError } = {};
  return {
    outcome,
    request: {
      entityId: entity,
      command: 'SEND' as const,
      resolve: (r: Response) => (outcome.response = r),
      reject: (e: SmpClientError) => (outcome.error = e),
    },
  };
}

describe('requests waiting for responses', () => {
  it('matches a response to its request by corrId, once', () => {
    const timers = new ManualTimers();
    const pending = new PendingRequests(timers);
    const a = request();
    const b = request();
    pending.add(corr(1), a.request, 1000);
    pending.add(corr(2), b.request, 1000);
    const found = pending.take(corr(2));
    expect(found?.entityId).toEqual(entity);
    found?.resolve(OK);
    expect(b.outcome.response).toEqual(OK);
    expect(a.outcome).toEqual({});
    expect(pending.take(corr(2))).toBeUndefined();
    expect(pending.size).toBe(1);
    // Its timer was stopped with it.
    timers.advance(5000);
    expect(b.outcome.error).toBeUndefined();
  });

  it('times each request out on its own and forgets it', () => {
    const timers = new ManualTimers();
    const timedOut: string[] = [];
    const pending = new PendingRequests(timers, (command) => timedOut.push(command));
    const short = request();
    const long = request();
    pending.add(corr(1), short.request, 100);
    pending.add(corr(2), long.request, 300);
    timers.advance(99);
    expect(short.outcome.error).toBeUndefined();
    timers.advance(1);
    expect(short.outcome.error?.kind).toBe('TIMEOUT');
    expect(short.outcome.error?.message).toMatch(/SEND/);
    expect(long.outcome.error).toBeUndefined();
    expect(timedOut).toEqual(['SEND']);
    // A late response to a timed-out request finds nothing.
    expect(pending.take(corr(1))).toBeUndefined();
    timers.advance(200);
    expect(long.outcome.error?.kind).toBe('TIMEOUT');
    expect(pending.size).toBe(0);
    expect(timers.pending).toBe(0);
  });

  it('fails every waiting request at once', () => {
    const timers = new ManualTimers();
    const pending = new PendingRequests(timers);
    const rs = [request(), request(), request()];
    rs.forEach((r, i) => pending.add(corr(i), r.request, 1000));
    const error = new SmpClientError('NETWORK', 'connection closed');
    pending.failAll(error);
    expect(rs.map((r) => r.outcome.error)).toEqual([error, error, error]);
    expect(pending.size).toBe(0);
    expect(timers.pending).toBe(0);
  });

  it('refuses a corrId that is already waiting', () => {
    const pending = new PendingRequests(new ManualTimers());
    pending.add(corr(7), request().request, 1000);
    expect(() => pending.add(corr(7), request().request, 1000)).toThrow(/already/);
  });
});
