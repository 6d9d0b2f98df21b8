// Subscriptions: every receive queue is subscribed on start (the SMP client re-subscribes after
// reconnecting), and server connectivity is reported per server with the connections on it.
import { serverText } from './store/columns';
import type { SmpServer } from '../../../protocol/smp';
import type { ConnId } from './api';
import type { AgentContext } from './context';
import { authKey } from './keys';
import { subscribableRcvQueues, type RcvQueue } from './store/queues';

export class Subscriptions {
  /** Connections by server, as subscribed. */
  private readonly byServer = new Map<string, Set<ConnId>>();

  constructor(private readonly ctx: AgentContext) {}

  /** Subscribes every queue; reports `up` per server whose subscriptions all succeeded. */
  async subscribeAll(): Promise<void> {
    const queues = await subscribableRcvQueues(this.ctx.db);
    const groups = new Map<string, RcvQueue[]>();
    for (const q of queues) {
      const key = serverText(q.server);
      groups.set(key, [...(groups.get(key) ?? []), q]);
    }
    await Promise.all(
      [...groups].map(async ([server, qs]) => {
        const results = await Promise.allSettled(qs.map((q) => this.subscribe(q)));
        const failed = results.filter((r) => r.status === 'rejected');
        if (failed.length > 0) {
          this.ctx.log.warn('queues not subscribed; the SMP client retries on reconnect', {
            failed: failed.length,
          });
          return;
        }
        this.ctx.events.emit('up', { server, connIds: [...new Set(qs.map((q) => q.connId))] });
      }),
    );
  }

  private async subscribe(q: RcvQueue): Promise<void> {
    this.add(q.server, q.connId);
    await this.ctx.smp.subscribe(q.server, q.recipientId!, {
      rcvAuthKey: authKey(q.rcvAuthKey),
      rcvDhSecret: q.rcvDhSecret!,
    });
  }

  /** Remembers a queue created with subscription (NEW … S). */
  add(server: SmpServer, connId: ConnId): void {
    const key = serverText(server);
    let set = this.byServer.get(key);
    if (!set) this.byServer.set(key, (set = new Set()));
    set.add(connId);
  }

  connIdsOn(server: SmpServer): ConnId[] {
    return [...(this.byServer.get(serverText(server)) ?? [])];
  }
}
