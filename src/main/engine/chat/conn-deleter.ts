// Deletes the agent connections the chat layer is done with. A connection that still has a
// message to deliver (x.direct.del) is deleted once that message was sent or failed; the rest at
// once. Every pending deletion is listed in the store first, so a restart finishes it; one whose
// message outcome never arrives (it was reported just before a crash) is deleted after a grace
// period instead of waiting forever.
import type { Database } from '../../../node/sqlite';
import { isAgentError, type Agent, type AgentMsgId, type ConnId } from '../agent';
import type { Logger } from '../log';
import { listConnDeletions, removeConnDeletion, type ConnDeletion } from './store/conn-deletions';

export const DEFAULT_DELETION_GRACE_MS = 60_000;

export class ConnDeleter {
  private readonly waiting = new Map<ConnId, AgentMsgId>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly agent: () => Agent | null,
    private readonly log: Logger,
    private readonly graceMs = DEFAULT_DELETION_GRACE_MS,
  ) {}

  /** Picks up what a previous run listed (call after the agent started). */
  async resume(): Promise<void> {
    for (const d of await listConnDeletions(this.db)) void this.schedule(d, true);
  }

  /**
   * Acts on a deletion that was committed to the store. An immediate one resolves once it was
   * done (or failed and stays listed); one that waits for a message resolves at once.
   */
  schedule(d: ConnDeletion, resumed = false): Promise<void> {
    if (d.waitMsgId === null) return this.deleteNow(d.connId);
    this.waiting.set(d.connId, d.waitMsgId);
    if (resumed) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.waiting.has(d.connId)) void this.deleteNow(d.connId);
      }, this.graceMs);
      timer.unref();
      this.timers.add(timer);
    }
    return Promise.resolve();
  }

  /** The agent reported the outcome (sent or failed) of a message on `connId`. */
  messageSettled(connId: ConnId, agentMsgId: AgentMsgId): void {
    const wait = this.waiting.get(connId);
    if (wait !== undefined && agentMsgId >= wait) void this.deleteNow(connId);
  }

  /** The agent deleted the connection (DELD, or our own call). */
  connectionGone(connId: ConnId): void {
    this.waiting.delete(connId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Resolves once every deletion started so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private deleteNow(connId: ConnId): Promise<void> {
    this.waiting.delete(connId);
    const agent = this.agent();
    if (this.stopped || !agent) return Promise.resolve();
    const work = (async () => {
      try {
        await agent.deleteConnection(connId);
        await removeConnDeletion(this.db, connId);
      } catch (e) {
        if (isAgentError(e, 'CONN_NOT_FOUND')) {
          await removeConnDeletion(this.db, connId).catch(() => undefined);
        } else if (!this.stopped) {
          // Still listed: the next start tries again.
          this.log.warn('connection not deleted', { error: e instanceof Error ? e : null });
        }
      }
    })();
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    return work;
  }
}
