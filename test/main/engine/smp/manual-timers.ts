// Timers that move only when a test says so: time-dependent behaviour without sleeping.
import type { Timers } from '../../../../src/main/engine/smp';

interface Scheduled {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

export class ManualTimers implements Timers {
  private time = 0;
  private seq = 0;
  private scheduled: Scheduled[] = [];

  get now(): number {
    return this.time;
  }

  /** Timers that have not fired or been cancelled. */
  get pending(): number {
    return this.scheduled.filter((s) => !s.cancelled).length;
  }

  /** Delays of the pending timers from now, in the order they will fire. */
  get delays(): number[] {
    return this.live().map((s) => s.at - this.time);
  }

  after(ms: number, fn: () => void): () => void {
    const s: Scheduled = { at: this.time + ms, seq: this.seq++, fn, cancelled: false };
    this.scheduled.push(s);
    return () => {
      s.cancelled = true;
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.live()[0];
      if (!next || next.at > until) break;
      this.time = next.at;
      next.cancelled = true;
      next.fn();
    }
    this.time = until;
  }

  private live(): Scheduled[] {
    this.scheduled = this.scheduled.filter((s) => !s.cancelled);
    return [...this.scheduled].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}
