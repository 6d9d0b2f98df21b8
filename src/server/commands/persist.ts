// The bridge from decisions to the store. Handlers change the in-memory queue at once and then
// wait here for SQLite; if the write fails, the queue's memory is replaced by what SQLite holds,
// so memory never claims what the file does not.
import { DatabaseClosedError } from '../../node/sqlite';
import { errorText } from '../log';
import type { Queue } from '../queues/queue';
import type { ServerContext } from './context';

/**
 * Runs a store operation decided for `q`. If it fails, the queue's memory is replaced by what
 * SQLite holds (after everything queued before), and the error is rethrown (ERR INTERNAL).
 */
export async function persist<T>(ctx: ServerContext, q: Queue, op: Promise<T>): Promise<T> {
  try {
    return await op;
  } catch (e) {
    // A closed store means the server is stopping: there is nothing to repair.
    if (e instanceof DatabaseClosedError) throw e;
    ctx.log.error('store write failed', { error: errorText(e) });
    void resync(ctx, q);
    throw e;
  }
}

async function resync(ctx: ServerContext, q: Queue): Promise<void> {
  try {
    const stored = await ctx.store.loadQueue(q.recipientId);
    const current = ctx.queues.byRecipientId(q.recipientId);
    if (current) {
      ctx.queues.remove(current);
      ctx.bodies.drop(current.messages);
    }
    if (stored) ctx.queues.add(stored);
  } catch (e) {
    ctx.log.error('could not re-read a queue after a failed write', { error: errorText(e) });
  }
}
