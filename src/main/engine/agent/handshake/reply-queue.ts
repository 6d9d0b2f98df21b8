// Our receive queue in a connection someone else started: the joiner's reply queue (§2.4) and the
// requester's own queue in a contact request (§2.5). It is stored first, on a server chosen then,
// and created by NEW in a step of its own, so a crash in between only repeats the NEW.
import type { Transaction } from '../../../../node/sqlite';
import type { AgentStep, ConnId } from '../api';
import type { AgentContext } from '../context';
import { authKey, newRcvQueueKeys } from '../keys';
import {
  insertRcvQueue,
  replaceRcvQueueKeys,
  setRcvQueueCreated,
  type RcvQueue,
} from '../store/queues';
import { ourClientVersions } from '../versions';
import { network } from './network';

export function storeReplyQueue(
  ctx: AgentContext,
  tx: Transaction,
  connId: ConnId,
): Promise<number> {
  return insertRcvQueue(
    tx,
    {
      connId,
      server: ctx.pickServer(),
      queueMode: 'messaging',
      smpClientVersion: ourClientVersions().max,
      ...newRcvQueueKeys(),
    },
    ctx.nowIso(),
  );
}

/** NEW of a stored queue; `step` names it for the fault hook. */
export async function createReplyQueue(
  ctx: AgentContext,
  rq: RcvQueue,
  step: AgentStep,
): Promise<void> {
  // Fresh keys for every attempt: an earlier NEW may have created a queue whose IDS we lost.
  const keys = newRcvQueueKeys();
  await ctx.transact((tx) => replaceRcvQueueKeys(tx, rq.id, keys));
  await ctx.step(step, rq.connId);
  const ids = await network(() =>
    ctx.smp.createQueue(rq.server, {
      rcvAuthKey: authKey(keys.rcvAuthKey),
      rcvDhPrivateKey: keys.rcvDhPrivate,
      subscribe: true,
      queueRequest: { mode: 'messaging' },
    }),
  );
  await ctx.transact((tx) =>
    setRcvQueueCreated(tx, rq.id, {
      recipientId: ids.recipientId,
      senderId: ids.senderId,
      rcvDhSecret: ids.rcvDhSecret,
    }),
  );
}
