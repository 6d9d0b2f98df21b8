// The application's message operations: send (encrypt and store, then deliver in the
// background), ACK (delete the body, send a receipt if asked, ACK the server) and delete. State
// changes of a connection run under its lock with its hot state (hot-state.ts).
import type { AMessage } from '../../../protocol/agent';
import type { AckOptions, AgentMsgId, ConnId, SendOptions } from './api';
import { MAX_MESSAGE_BODY } from './api';
import type { AgentContext } from './context';
import type { Delivery } from './delivery';
import { AgentError } from './errors';
import { authKey } from './keys';
import { storeOutgoing } from './outgoing';
import type { Receiver } from './receive/receiver';
import { deleteConnectionRow } from './store/connections';
import { type SndMessageKind } from './store/snd-messages';
import { ackRcvMessage, getRcvMessage } from './store/rcv-messages';
import { rcvQueuesOf } from './store/queues';

/**
 * Encrypts and stores one agent message on a connected connection and wakes its delivery.
 * Returns its AgentMsgId.
 */
export async function enqueueMessage(
  ctx: AgentContext,
  delivery: Delivery,
  connId: ConnId,
  message: AMessage,
  kind: SndMessageKind,
  notify: boolean,
): Promise<AgentMsgId> {
  const pending = await ctx.locks.run(connId, async () => {
    try {
      const hot = await ctx.hot.get(ctx.db, connId);
      const sq = hot.sq;
      if (hot.conn.status !== 'connected' || !sq) {
        throw new AgentError(
          'CONN_STATE',
          `cannot send on a connection in state ${hot.conn.status}`,
        );
      }
      const out = await ctx.transact((tx) =>
        storeOutgoing(tx, hot.conn, sq, hot.ratchet, message, kind, notify, ctx.nowIso()),
      );
      ctx.hot.set({ ...hot, conn: out.conn, ratchet: out.ratchet });
      const { agentMsgId, body } = out;
      return {
        connId,
        agentMsgId,
        kind,
        sndQueueId: sq.id,
        body,
        notify,
        attempts: 0,
        firstAttemptAt: null,
      };
    } catch (e) {
      ctx.hot.drop(connId);
      throw e;
    }
  });
  delivery.wake(pending.sndQueueId, pending);
  return pending.agentMsgId;
}

export async function sendMessage(
  ctx: AgentContext,
  delivery: Delivery,
  connId: ConnId,
  body: Uint8Array,
  options: SendOptions = {},
): Promise<AgentMsgId> {
  ctx.requireRunning();
  if (body.length > MAX_MESSAGE_BODY) {
    throw new AgentError('LARGE_MSG', `a message body is at most ${MAX_MESSAGE_BODY} bytes`);
  }
  const message = { kind: 'A_MSG', body } as const;
  return enqueueMessage(ctx, delivery, connId, message, 'message', options.notify ?? true);
}

/**
 * The application ACKed a message. The ACK record and the server ACK go out together: a crash
 * between the two cannot show the message twice, because an unACKed message reaches the
 * application again only through the server's redelivery, never from the store alone.
 */
export async function ackMessage(
  ctx: AgentContext,
  delivery: Delivery,
  receiver: Receiver,
  connId: ConnId,
  agentMsgId: AgentMsgId,
  options: AckOptions = {},
): Promise<void> {
  ctx.requireRunning();
  const known = receiver.delivered(connId, agentMsgId);
  let acked;
  if (known) {
    const serverAck = receiver.ackFor(connId, known.brokerMsgId);
    [acked] = await Promise.all([ackRcvMessage(ctx.db, connId, agentMsgId), serverAck]);
  } else {
    acked = await ackRcvMessage(ctx.db, connId, agentMsgId);
    if (acked) await receiver.ackFor(connId, acked.brokerMsgId);
  }
  receiver.forget(connId, agentMsgId);
  if (!acked) {
    const msg = await getRcvMessage(ctx.db, connId, agentMsgId);
    if (msg?.kind === 'message') return; // ACKed before
    throw new AgentError('MESSAGE_NOT_FOUND', `no message ${agentMsgId} of ${connId} to ACK`);
  }
  if (options.receipt) {
    const receipt = {
      agentMsgId: acked.sndMsgId,
      msgHash: acked.msgHash,
      rcptInfo: options.receipt,
    };
    const message = { kind: 'A_RCVD', receipts: [receipt] } as const;
    // Sent receipts ask for no notification (§2.8).
    await enqueueMessage(ctx, delivery, connId, message, 'receipt', false);
  }
}

/** Deletes the receive queues on their servers (best effort), then every record of the connection. */
export async function deleteConnection(
  ctx: AgentContext,
  delivery: Delivery,
  receiver: Receiver,
  connId: ConnId,
): Promise<void> {
  ctx.requireRunning();
  await ctx.locks.run(connId, async () => {
    for (const rq of await rcvQueuesOf(ctx.db, connId)) {
      if (!rq.recipientId) continue;
      receiver.forgetQueue(rq);
      try {
        await ctx.smp.deleteQueue(rq.server, rq.recipientId, authKey(rq.rcvAuthKey));
      } catch (e) {
        // The queue stays on the server until it expires; we stop listening to it.
        ctx.smp.forget(rq.server, rq.recipientId);
        ctx.log.info('queue not deleted on its server', { error: e instanceof Error ? e : null });
      }
    }
    ctx.hot.drop(connId);
    delivery.forgetConnection(connId);
    await ctx.transact(async (tx, emit) => {
      if (await deleteConnectionRow(tx, connId))
        await emit({ name: 'deleted', payload: { connId } });
    });
  });
}
