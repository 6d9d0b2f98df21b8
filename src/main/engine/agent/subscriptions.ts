// Subscriptions: every receive queue is subscribed on start (the SMP client keeps them
// subscribed across reconnects), and server connectivity is reported per server with the
// connections that receive on it.
import { sameSmpServer, type SmpServer } from '../../../protocol/smp';
import type { ConnId } from './api';
import type { AgentContext } from './context';
import { authKey } from './keys';
import { serverText } from './store/columns';
import { subscribableRcvQueues, type RcvQueue } from './store/queues';

/** Subscribes every queue; reports `up` per server whose subscriptions all succeeded. */
export async function subscribeAll(ctx: AgentContext): Promise<void> {
  const groups = new Map<string, RcvQueue[]>();
  for (const q of await subscribableRcvQueues(ctx.db)) {
    const key = serverText(q.server);
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  await Promise.all(
    [...groups].map(async ([server, qs]) => {
      const results = await Promise.allSettled(
        qs.map((q) =>
          ctx.smp.subscribe(q.server, q.recipientId!, {
            rcvAuthKey: authKey(q.rcvAuthKey),
            rcvDhSecret: q.rcvDhSecret!,
          }),
        ),
      );
      const failed = results.filter((r) => r.status === 'rejected').length;
      if (failed > 0) {
        ctx.log.warn('queues not subscribed; the SMP client retries on reconnect', { failed });
        return;
      }
      ctx.events.emit('up', { server, connIds: [...new Set(qs.map((q) => q.connId))] });
    }),
  );
}

/** The connections receiving on `server`. */
export async function connIdsOn(ctx: AgentContext, server: SmpServer): Promise<ConnId[]> {
  const queues = await subscribableRcvQueues(ctx.db);
  return [...new Set(queues.filter((q) => sameSmpServer(q.server, server)).map((q) => q.connId))];
}
