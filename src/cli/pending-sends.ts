// Messages sent in this run that the server has not accepted yet. At the end of the input the
// runner gives them a moment to leave, so `echo '@bob hi' | conclave` sends before it exits;
// whatever is still pending then stays in the agent's outbox for the next run.
import type { ChatItemView } from '../shared/models/chats';

export class PendingSends {
  private readonly pending = new Set<number>();
  /** Items whose update arrived before the send returned (events can overtake the reply). */
  private readonly settledEarly = new Set<number>();
  private readonly waiters = new Set<() => void>();

  sent(item: ChatItemView): void {
    if (item.status !== 'sending') return;
    if (this.settledEarly.delete(item.id)) return;
    this.pending.add(item.id);
  }

  updated(item: ChatItemView): void {
    if (item.direction !== 'snd' || item.status === 'sending') return;
    if (!this.pending.delete(item.id)) {
      this.settledEarly.add(item.id);
      return;
    }
    if (this.pending.size === 0) for (const wake of this.waiters) wake();
  }

  /** Resolves with how many are still pending, once none are or after `timeoutMs`. */
  async settle(timeoutMs: number): Promise<number> {
    if (this.pending.size > 0) {
      let wake!: () => void;
      const done = new Promise<void>((resolve) => (wake = resolve));
      this.waiters.add(wake);
      const timer = setTimeout(wake, timeoutMs);
      await done;
      clearTimeout(timer);
      this.waiters.delete(wake);
    }
    return this.pending.size;
  }
}
