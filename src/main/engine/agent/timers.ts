// Timers the agent owns, so that stop() can cancel every one of them, and wake-ups by server:
// work that waits for a retry also waits for "connected to that server again".
import { serverText } from './store/columns';
import type { SmpServer } from '../../../protocol/smp';

export class AgentTimers {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Calls `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return () => {
      clearTimeout(t);
      this.timers.delete(t);
    };
  }

  /**
   * Resolves after `ms`, or earlier when `server` (any server if not given) is reconnected
   * (wakeServer) or the timers are cleared.
   */
  sleep(ms: number, server?: SmpServer): Promise<void> {
    return new Promise((resolve) => {
      const key = server ? serverText(server) : '';
      let set = this.waiters.get(key);
      if (!set) this.waiters.set(key, (set = new Set()));
      const done = () => {
        cancel();
        set.delete(done);
        resolve();
      };
      const cancel = this.after(ms, done);
      set.add(done);
    });
  }

  /** Wakes what waits on `server`, and what waits on any server. */
  wakeServer(server: SmpServer): void {
    for (const key of [serverText(server), '']) {
      for (const wake of [...(this.waiters.get(key) ?? [])]) wake();
    }
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const set of this.waiters.values()) for (const wake of [...set]) wake();
    this.waiters.clear();
  }
}
