// Runs async tasks one at a time, in the order they were pushed. A failed task rejects only its
// own promise; the queue carries on with the next one.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  push<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Resolves once every task pushed so far has settled. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
