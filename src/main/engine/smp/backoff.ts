/**
 * Reconnect delays: exponential from `initialMs` by `factor`, spread by ±`jitter` so that many
 * clients of a restarted server do not come back in lockstep, and never above `maxMs`.
 */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Relative spread, 0..1 (0.2 = ±20 %). */
  readonly jitter: number;
}

/** Upstream's agent reconnects from 2 s up to 3 min. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 2_000,
  maxMs: 180_000,
  factor: 2,
  jitter: 0.2,
};

/** The delay before reconnect attempt `attempt` (0 for the first); `random` is in [0, 1). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  // Capping the exponent first keeps factor ** attempt finite for any attempt count.
  const steps = Math.max(0, Math.min(attempt, 64));
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** steps);
  const spread = base * policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(policy.maxMs, Math.max(0, base + spread)));
}
