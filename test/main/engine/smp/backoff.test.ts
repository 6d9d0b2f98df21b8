import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../src/main/engine/smp';

const policy = { initialMs: 100, maxMs: 5_000, factor: 2, jitter: 0.2 };
const middle = () => 0.5;

describe('reconnect backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const delays = Array.from({ length: 10 }, (_, i) => backoffDelay(i, policy, middle));
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000]);
  });

  it('spreads each delay by the jitter, never past the cap', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(80);
    expect(backoffDelay(0, policy, () => 0.999999)).toBe(120);
    expect(backoffDelay(3, policy, () => 0)).toBe(640);
    expect(backoffDelay(20, policy, () => 0.999999)).toBe(5000);
    expect(backoffDelay(20, policy, () => 0)).toBe(4000);
  });

  it('stays finite and within bounds for any attempt count', () => {
    for (const attempt of [-1, 0, 63, 64, 1000, Number.MAX_SAFE_INTEGER]) {
      const d = backoffDelay(attempt, policy, Math.random);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(policy.maxMs);
    }
  });

  it('defaults to upstream: 2 s growing to 3 min', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, middle)).toBe(2_000);
    expect(backoffDelay(30, DEFAULT_BACKOFF, middle)).toBe(180_000);
  });
});
