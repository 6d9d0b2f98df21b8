// The application's message operations: send (encrypt and store, then deliver in the
// background), ACK (delete the body, send a receipt if asked, ACK the server) and delete.
import type { AckOptions, AgentMsgId, ConnId, SendOptions } from './api';
import { MAX_MESSAGE_BODY } from './api';
import type { AgentContext } from './context';
import type { Delivery } from './delivery';
import { AgentError } from './errors';
import { authKey } from './keys';
import { storeOutgoing } from './outgoing';
import type { Receiver } from './receive/receiver';
import { deleteConnectionRow, getConnection } from './store/connections';
import { getRcvMessage, markRcvMessageAcked } from './store/messages';
import { rcvQueuesOf, sndQueuesOf } from './store/queues';
import { AgentVersion } from '../../../protocol/agent';

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
  const { agentMsgId, sqId } = await ctx.transact(async (tx) => {
    const conn = await getConnection(tx, connId);
    if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
    if (conn.status !== 'connected') {
      throw new AgentError('CONN_STATE', `cannot send on a connection in state ${conn.status}`);
    }
    const sq = (await sndQueuesOf(tx, connId)).find((q) => q.status === 'active');
    if (!sq) throw new AgentError('CONN_STATE', 'the connection has no active send queue');
    const out = await storeOutgoing(
      tx,
      conn,
      sq,
      { kind: 'A_MSG', body },
      'message',
      options.notify ?? true,
      ctx.nowIso(),
    );
    return { agentMsgId: out.agentMsgId, sqId: sq.id };
  });
  delivery.wake(sqId);
  return agentMsgId;
}

export async function ackMessage(
  ctx: AgentContext,
  delivery: Delivery,
  receiver: Receiver,
  connId: ConnId,
  agentMsgId: AgentMsgId,
  options: AckOptions = {},
): Promise<void> {
  ctx.requireRunning();
  const result = await ctx.transact(async (tx) => {
    const conn = await getConnection(tx, connId);
    if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
    const msg = await getRcvMessage(tx, connId, agentMsgId);
    if (!msg || msg.kind !== 'message') {
      throw new AgentError('MESSAGE_NOT_FOUND', `no message ${agentMsgId} to ACK`);
    }
    if (msg.appAcked) return undefined;
    await markRcvMessageAcked(tx, connId, agentMsgId);
    let receiptQueue: number | undefined;
    const sq = (await sndQueuesOf(tx, connId)).find((q) => q.status === 'active');
    if (options.receipt && sq && conn.agentVersion >= AgentVersion.deliveryReceipts) {
      const receipt = { agentMsgId: msg.sndMsgId, msgHash: msg.msgHash, rcptInfo: options.receipt };
      await storeOutgoing(
        tx,
        conn,
        sq,
        { kind: 'A_RCVD', receipts: [receipt] },
        'receipt',
        false,
        ctx.nowIso(),
      );
      receiptQueue = sq.id;
    }
    return { brokerMsgId: msg.brokerMsgId, receiptQueue };
  });
  receiver.forget(connId, agentMsgId);
  if (!result) return;
  if (result.receiptQueue !== undefined) delivery.wake(result.receiptQueue);
  const rq = (await rcvQueuesOf(ctx.db, connId))[0];
  if (rq) await receiver.ack(rq, result.brokerMsgId);
}

/** Deletes the receive queues on their servers (best effort), then every record of the connection. */
export async function deleteConnection(ctx: AgentContext, connId: ConnId): Promise<void> {
  ctx.requireRunning();
  for (const rq of await rcvQueuesOf(ctx.db, connId)) {
    if (!rq.recipientId) continue;
    try {
      await ctx.smp.deleteQueue(rq.server, rq.recipientId, authKey(rq.rcvAuthKey));
    } catch (e) {
      // The queue stays on the server until it expires; we stop listening to it.
      ctx.smp.forget(rq.server, rq.recipientId);
      ctx.log.info('queue not deleted on its server', { error: e instanceof Error ? e : null });
    }
  }
  await ctx.transact(async (tx, emit) => {
    if (await deleteConnectionRow(tx, connId)) await emit({ name: 'deleted', payload: { connId } });
  });
}
