// The hot state of connected connections, kept in memory so that sending and receiving only
// write to the store: the connection's counters, its ratchet state and skipped keys, and its
// queues. Coherence comes from the per-connection lock: every operation that changes these rows
// of a connected connection runs under it, and either stores the committed result here or drops
// the entry (any failure drops it; the next operation reloads from the store).
import type { Executor } from '../../../node/sqlite';
import type { RatchetState, SkippedMessageKey } from '../../../protocol/agent';
import type { ConnId } from './api';
import { AgentError } from './errors';
import { getConnection, type ConnectionRecord } from './store/connections';
import { rcvQueuesOf, sndQueuesOf, type RcvQueue, type SndQueue } from './store/queues';
import { getRatchet, skippedKeysOf } from './store/ratchets';

export interface HotState {
  readonly conn: ConnectionRecord;
  readonly ratchet: RatchetState;
  readonly skipped: readonly SkippedMessageKey[];
  /** The queue we send on (absent before the connection is connected). */
  readonly sq: SndQueue | undefined;
  readonly rq: RcvQueue | undefined;
}

/** Runs work per connection one at a time, in call order. */
export class ConnectionLocks {
  private readonly tails = new Map<ConnId, Promise<unknown>>();

  run<T>(connId: ConnId, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(connId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(connId, tail);
    void tail.then(() => {
      if (this.tails.get(connId) === tail) this.tails.delete(connId);
    });
    return result;
  }
}

export class HotCache {
  private readonly entries = new Map<ConnId, HotState>();

  /** The connection's hot state (loaded if needed); call it under the connection's lock. */
  async get(q: Executor, connId: ConnId): Promise<HotState> {
    const cached = this.entries.get(connId);
    if (cached) return cached;
    const hot = await loadHotState(q, connId);
    if (hot.conn.status === 'connected') this.entries.set(connId, hot);
    return hot;
  }

  /** The committed result of an operation (kept only for connected connections). */
  set(hot: HotState): void {
    if (hot.conn.status === 'connected') this.entries.set(hot.conn.connId, hot);
    else this.entries.delete(hot.conn.connId);
  }

  drop(connId: ConnId): void {
    this.entries.delete(connId);
  }

  clear(): void {
    this.entries.clear();
  }
}

export async function loadHotState(q: Executor, connId: ConnId): Promise<HotState> {
  const conn = await getConnection(q, connId);
  if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
  const ratchet = (await getRatchet(q, connId))?.state;
  if (!ratchet) throw new AgentError('CONN_STATE', 'the connection has no ratchet yet');
  return {
    conn,
    ratchet,
    skipped: await skippedKeysOf(q, connId),
    sq: (await sndQueuesOf(q, connId)).find(
      (s) => s.status === 'active' && s.queueMode === 'messaging',
    ),
    rq: (await rcvQueuesOf(q, connId))[0],
  };
}
