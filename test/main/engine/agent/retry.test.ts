import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelay } from '../../../../src/main/engine/agent/retry';

const mid = () => 0.5; // no jitter
const low = () => 0;
const high = () => 0.999_999;

describe('retryDelay', () => {
  it('doubles from the initial delay up to the fast maximum while failures are recent', () => {
    const delays = [0, 1, 2, 3, 10].map((a) => retryDelay(DEFAULT_RETRY, a, 1_000, mid));
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 120_000]);
  });

  it('spreads delays by at most a quarter either way and never beyond the maximum', () => {
    expect(retryDelay(DEFAULT_RETRY, 0, 0, low)).toBe(1_500);
    expect(retryDelay(DEFAULT_RETRY, 0, 0, high)).toBe(2_500);
    expect(retryDelay(DEFAULT_RETRY, 20, 0, high)).toBe(120_000);
  });

  it('moves to the slow schedule once failures have lasted long', () => {
    const slow = DEFAULT_RETRY.slowAfterMs;
    expect(retryDelay(DEFAULT_RETRY, 50, slow, mid)).toBe(DEFAULT_RETRY.slowInitialDelayMs);
    expect(retryDelay(DEFAULT_RETRY, 50, slow * 4, mid)).toBe(DEFAULT_RETRY.slowInitialDelayMs * 4);
    expect(retryDelay(DEFAULT_RETRY, 50, slow * 1_000_000, mid)).toBe(DEFAULT_RETRY.slowMaxDelayMs);
  });
});
