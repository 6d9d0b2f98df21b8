/**
 * Where the SMP client gets its timers (command timeouts, keep-alive, reconnect backoff), so
 * tests can run time forward themselves instead of sleeping.
 */
export interface Timers {
  /** Calls `fn` once after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemTimers: Timers = {
  after(ms, fn) {
    // Unref'd: a pending timeout or keep-alive must not keep a process alive on its own.
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};
