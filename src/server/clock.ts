/** Where the server gets the time (message timestamps, expiry), so tests can move it. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Whole seconds since the Unix epoch: the resolution of SMP message timestamps. */
export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}
