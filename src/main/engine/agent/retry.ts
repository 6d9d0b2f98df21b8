// When to try a failed send again. Network failures back off exponentially with jitter: a fast
// phase, then a slow one, until the message expires (official defaults of smp-agent.md §2.11;
// tests scale them down through AgentOptions.retry).
import type { RetryPolicy } from './api';
import { backoffDelay } from '../smp/backoff';

export const DEFAULT_RETRY: RetryPolicy = {
  initialDelayMs: 2_000,
  fastMaxDelayMs: 120_000,
  slowAfterMs: 30 * 60_000,
  slowInitialDelayMs: 5 * 60_000,
  slowMaxDelayMs: 6 * 3_600_000,
  expireAfterMs: 2 * 24 * 3_600_000,
  quotaExpireAfterMs: 7 * 24 * 3_600_000,
};

const JITTER = 0.25;

/**
 * The delay before attempt `attempt` (0 after the first failure), given how long the failures
 * have lasted; `random` is in [0, 1).
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  failingForMs: number,
  random: () => number = Math.random,
): number {
  if (failingForMs < policy.slowAfterMs) {
    return backoffDelay(
      attempt,
      { initialMs: policy.initialDelayMs, maxMs: policy.fastMaxDelayMs, factor: 2, jitter: JITTER },
      random,
    );
  }
  // Count slow attempts from where the slow phase began, roughly.
  const slowAttempt = Math.max(0, Math.floor(Math.log2(failingForMs / policy.slowAfterMs)));
  return backoffDelay(
    slowAttempt,
    {
      initialMs: policy.slowInitialDelayMs,
      maxMs: policy.slowMaxDelayMs,
      factor: 2,
      jitter: JITTER,
    },
    random,
  );
}
