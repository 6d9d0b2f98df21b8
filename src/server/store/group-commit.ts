// Group commit: every store operation (writes and the reads that must see them) is queued here
// in the order the server decided it, and all operations queued while the previous transaction
// ran are committed together in the next one. A caller's promise settles only after its
// transaction committed, so an OK sent on it is durable. If a batch fails, its operations are
// retried one per transaction, so one bad operation cannot fail the others.
//
// Each statement is a round trip to sqlite3's thread pool that waits for a free turn of the busy
// event loop, so a batch of hundreds of one-row statements takes far longer than its SQL. Items
// of one kind that follow each other in a batch (messages stored and deleted) therefore run as
// one combined call, which writes them with a few multi-row statements.
import type { Database, Transaction } from '../../node/sqlite';

export type StoreOperation<T> = (tx: Transaction) => Promise<T>;

/**
 * Writes several items at once. Consecutive items submitted with the same combiner run in one
 * call, in submission order; alone (when a failed batch is retried) an item runs by itself.
 */
export type Combiner<I> = (tx: Transaction, items: readonly I[]) => Promise<void>;

type Work =
  | { readonly run: StoreOperation<unknown> }
  | { readonly combine: Combiner<unknown>; readonly item: unknown };

type Pending = Work & {
  readonly resolve: (value: unknown) => void;
  readonly reject: (e: unknown) => void;
};

/** Bounds one transaction, so a flood of operations still commits in steady steps. */
const MAX_BATCH = 2000;

export class GroupCommit {
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly db: Database) {}

  /** Queues `op`; resolves with its result once the transaction holding it has committed. */
  submit<T>(op: StoreOperation<T>): Promise<T> {
    return this.enqueue<T>({ run: op });
  }

  /** Queues `item` for `combine`; resolves once the transaction holding it has committed. */
  submitCombined<I>(combine: Combiner<I>, item: I): Promise<void> {
    return this.enqueue<void>({ combine: combine as Combiner<unknown>, item });
  }

  /** Resolves when every operation submitted so far has settled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private enqueue<T>(work: Work): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ ...work, resolve: resolve as (v: unknown) => void, reject });
      // setImmediate lets everything decided in this turn of the event loop join the batch.
      this.running ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drain());
    });
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
      results = await this.db.transaction((tx) => runBatch(tx, batch));
    } catch (e) {
      if (batch.length === 1) batch[0]!.reject(e);
      else for (const p of batch) await this.commit([p]);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }
}

/** Runs a batch in order, each run of items with the same combiner as one call. */
async function runBatch(tx: Transaction, batch: readonly Pending[]): Promise<unknown[]> {
  const out: unknown[] = [];
  let at = 0;
  while (at < batch.length) {
    const p = batch[at++]!;
    if ('run' in p) {
      out.push(await p.run(tx));
      continue;
    }
    const items = [p.item];
    for (let next = batch[at]; next && 'combine' in next && next.combine === p.combine;) {
      items.push(next.item);
      next = batch[++at];
    }
    await p.combine(tx, items);
    out.push(...items.map(() => undefined));
  }
  return out;
}
