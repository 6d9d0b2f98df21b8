/**
 * A bound on commands in flight on one connection. Callers past the bound wait, in order, for a
 * slot instead of the client buffering without limit; when the connection dies they are told.
 */
export class Capacity {
  private used = 0;
  private readonly waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('capacity must be >= 1');
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves when a slot is taken; rejects once `fail` was called. */
  acquire(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.used < this.limit && this.waiters.length === 0) {
      this.used++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Gives a slot back, handing it straight to the longest waiter. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.used = Math.max(0, this.used - 1);
  }

  /** Rejects every waiter and every later acquire with `error`. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }
}
