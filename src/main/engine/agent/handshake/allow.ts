// The creator's side after a confirmation (§2.4 steps 3–4): allowConnection stores our sender
// keys for the joiner's reply queue and our sealed reply confirmation; then SKEY on that queue
// and SEND, after which the connection is connected.
import type { Transaction } from '../../../../node/sqlite';
import { readSmpQueueInfo } from '../../../../protocol/agent';
import { DecodeError, decodeAll } from '../../../../protocol/encoding';
import type { ConfirmationId, ConnId } from '../api';
import type { AgentContext, EmitDurable } from '../context';
import { AgentError } from '../errors';
import { authKey, newSndQueueKeys } from '../keys';
import { storeConfirmation } from '../outgoing';
import { getConnection, updateConnection, type ConnectionRecord } from '../store/connections';
import { getConfirmation, setConfirmationAllowed } from '../store/handshake';
import { markSndMessageSent, pendingSndMessages } from '../store/snd-messages';
import {
  getSndQueue,
  insertSndQueue,
  rcvQueuesOf,
  setRcvQueueStatus,
  setSndQueueStatus,
  sndQueuesOf,
} from '../store/queues';
import { checkReplyQueue } from '../versions';
import { network } from './network';
import type { HandshakeRunner } from './steps';
import type { StepResult } from './steps';

export async function allowConnection(
  ctx: AgentContext,
  runner: HandshakeRunner,
  connId: ConnId,
  confirmationId: ConfirmationId,
  connInfo: Uint8Array,
): Promise<void> {
  ctx.requireRunning();
  await ctx.transact(async (tx) => {
    const conn = await getConnection(tx, connId);
    if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
    const confirmation = await getConfirmation(tx, confirmationId);
    if (!confirmation || confirmation.connId !== connId) {
      throw new AgentError('CONFIRMATION_NOT_FOUND', `no confirmation ${confirmationId}`);
    }
    if (confirmation.status === 'allowed') return;
    if (conn.status !== 'confirmed') {
      throw new AgentError('CONN_STATE', `cannot allow a connection in state ${conn.status}`);
    }
    let replyQueue;
    try {
      replyQueue = decodeAll(confirmation.replyQueue, readSmpQueueInfo, 'reply queue');
    } catch (e) {
      if (e instanceof DecodeError) throw new AgentError('MESSAGE', e.message);
      throw e;
    }
    const clientVersion = checkReplyQueue(replyQueue);
    const keys = newSndQueueKeys(replyQueue.dhPublicKey);
    const now = ctx.nowIso();
    const sqId = await insertSndQueue(
      tx,
      {
        connId,
        server: replyQueue.server,
        senderId: replyQueue.senderId,
        queueMode: 'messaging',
        sndAuthKey: keys.sndAuthKey,
        peerDhPublic: replyQueue.dhPublicKey,
        e2ePrivate: keys.e2ePrivate,
        e2eDhSecret: keys.e2eDhSecret,
        smpClientVersion: clientVersion,
        status: 'new',
      },
      now,
    );
    const sq = (await getSndQueue(tx, sqId))!;
    await storeConfirmation(tx, conn, sq, { kind: 'connInfo', connInfo }, undefined, now, {
      status: 'allowed',
    });
    await setConfirmationAllowed(tx, confirmationId);
  });
  await runner.advance(connId);
}

/** The creator's next step (connection status 'allowed'). */
export async function allowStep(ctx: AgentContext, conn: ConnectionRecord): Promise<StepResult> {
  const sq = (await sndQueuesOf(ctx.db, conn.connId)).at(-1);
  if (!sq?.sndAuthKey) throw new AgentError('CONN_STATE', 'the reply queue is missing');
  if (sq.status === 'new') {
    await ctx.step('allow.secure', conn.connId);
    await network(() => ctx.smp.secureSndQueue(sq.server, sq.senderId, authKey(sq.sndAuthKey!)));
    await ctx.transact((tx) => setSndQueueStatus(tx, sq.id, 'secured'));
    return 'continue';
  }
  const confirmation = (await pendingSndMessages(ctx.db, sq.id, 1)).find(
    (m) => m.kind === 'confirmation',
  );
  if (confirmation) {
    await ctx.step('allow.confirm', conn.connId);
    await network(() =>
      ctx.smp.send(sq.server, sq.senderId, authKey(sq.sndAuthKey!), confirmation.body, {
        notification: true,
      }),
    );
  }
  await ctx.transact((tx, emit) => completeAllowed(ctx, tx, conn, emit));
  return 'wait';
}

/**
 * The reply confirmation reached the server: the connection is connected. Also used when the
 * joiner's first message shows that it arrived although we did not record its OK.
 */
export async function completeAllowed(
  ctx: AgentContext,
  tx: Transaction,
  conn: ConnectionRecord,
  emit: EmitDurable,
): Promise<void> {
  // A requester's contact address is never a queue we send messages to.
  const queues = (await sndQueuesOf(tx, conn.connId)).filter((q) => q.queueMode === 'messaging');
  for (const sq of queues) {
    for (const m of await pendingSndMessages(tx, sq.id, 10)) {
      if (m.kind === 'confirmation') await markSndMessageSent(tx, conn.connId, m.agentMsgId);
    }
    await setSndQueueStatus(tx, sq.id, 'active');
  }
  for (const rq of await rcvQueuesOf(tx, conn.connId)) await setRcvQueueStatus(tx, rq.id, 'active');
  await updateConnection(tx, conn.connId, { status: 'connected' }, ctx.nowIso());
  await emit({ name: 'connected', payload: { connId: conn.connId } });
}
