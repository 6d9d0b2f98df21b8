// Group commit: every store operation (writes and the reads that must see them) is queued here
// in the order the server decided it, and all operations queued while the previous transaction
// ran are committed together in the next one. A caller's promise settles only after its
// transaction committed, so an OK sent on it is durable. If a batch fails, its operations are
// retried one per transaction, so one bad operation cannot fail the others.
import type { Database, Transaction } from '../../node/sqlite';

export type StoreOperation<T> = (tx: Transaction) => Promise<T>;

interface Pending {
  readonly run: StoreOperation<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (e: unknown) => void;
}

/** Bounds one transaction, so a flood of operations still commits in steady steps. */
const MAX_BATCH = 2000;

export class GroupCommit {
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly db: Database) {}

  /** Queues `op`; resolves with its result once the transaction holding it has committed. */
  submit<T>(op: StoreOperation<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: op, resolve: resolve as (v: unknown) => void, reject });
      // setImmediate lets everything decided in this turn of the event loop join the batch.
      this.running ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drain());
    });
  }

  /** Resolves when every operation submitted so far has settled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      await this.commit(batch);
    }
    this.running = undefined;
  }

  private async commit(batch: readonly Pending[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.db.transaction(async (tx) => {
        const out: unknown[] = [];
        for (const p of batch) out.push(await p.run(tx));
        return out;
      });
    } catch (e) {
      if (batch.length === 1) batch[0]!.reject(e);
      else for (const p of batch) await this.commit([p]);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }
}
