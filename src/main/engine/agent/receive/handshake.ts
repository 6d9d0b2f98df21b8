// Handshake messages arriving on our queues: the joiner's confirmation (we are the creator), the
// creator's reply confirmation (we joined), and contact requests to an address. Each is
// processed in one transaction (ratchet, queue secret, records, events), then ACKed.
import {
  agentMessageHash,
  decodeAgentMessage,
  formatConnectionRequest,
  initiatorRatchet,
  writeSmpQueueInfo,
  type AgentMsgEnvelope,
  type RatchetState,
} from '../../../../protocol/agent';
import { RatchetError } from '../../../../protocol/agent';
import { encode, wipe } from '../../../../protocol/encoding';
import type { Transaction } from '../../../../node/sqlite';
import type { AgentContext } from '../context';
import { AgentError } from '../errors';
import { requestHash } from '../handshake/contact';
import { newId } from '../ids';
import { getConnection, updateConnection, type ConnectionRecord } from '../store/connections';
import { insertConfirmation, insertContactRequest } from '../store/handshake';
import { markSndMessageSent, pendingSndMessages } from '../store/snd-messages';
import { insertRcvMessage } from '../store/rcv-messages';
import {
  deleteSndQueue,
  setRcvQueueE2e,
  setSndQueueStatus,
  sndQueuesOf,
  type RcvQueue,
} from '../store/queues';
import {
  addSkippedKeys,
  getRatchet,
  setRatchetState,
  skippedKeysOf,
  wipeX3dhKeys,
} from '../store/ratchets';
import { checkAgentVersion, checkReplyQueue } from '../versions';
import { decrypting, parsing } from './layers';

export interface Incoming {
  readonly brokerMsgId: Uint8Array;
  /** Epoch milliseconds. */
  readonly brokerTs: number;
  readonly notify: boolean;
}

type Confirmation = Extract<AgentMsgEnvelope, { kind: 'confirmation' }>;
type Request = Extract<AgentMsgEnvelope, { kind: 'invitation' }>;

/** Records the handshake message as received message 1 of the peer (§2.4, last paragraph). */
async function recordFirst(
  ctx: AgentContext,
  tx: Transaction,
  conn: ConnectionRecord,
  plaintext: Uint8Array,
  encrypted: Uint8Array,
  meta: Incoming,
  update: Parameters<typeof updateConnection>[2],
): Promise<void> {
  const agentMsgId = conn.lastInternalId + 1;
  const msgHash = agentMessageHash(plaintext);
  await insertRcvMessage(
    tx,
    {
      connId: conn.connId,
      agentMsgId,
      kind: 'confirmation',
      sndMsgId: 1n,
      brokerMsgId: meta.brokerMsgId,
      brokerTs: meta.brokerTs,
      encryptedHash: agentMessageHash(encrypted),
      msgHash,
      integrity: { ok: true },
      notify: meta.notify,
    },
    ctx.nowMs(),
  );
  await updateConnection(
    tx,
    conn.connId,
    { ...update, lastInternalId: agentMsgId, lastExtSndId: 1, lastRcvHash: msgHash },
    ctx.nowIso(),
  );
}

/**
 * A confirmation on one of our queues. `secret` is the per-queue e2e secret from the sender's
 * key in the public header.
 */
export async function onConfirmation(
  ctx: AgentContext,
  rq: RcvQueue,
  secret: Uint8Array,
  env: Confirmation,
  meta: Incoming,
): Promise<void> {
  checkAgentVersion(env.agentVersion);
  const conn = await getConnection(ctx.db, rq.connId);
  if (!conn) return;
  const creator = conn.role === 'initiator' && conn.mode === 'invitation';
  if (creator && env.e2eParams && (conn.status === 'pending' || conn.status === 'requesting')) {
    return joinerConfirmed(ctx, conn, rq, secret, env, env.e2eParams, meta);
  }
  if (
    conn.role === 'joiner' &&
    !env.e2eParams &&
    (conn.status === 'joined' || conn.status === 'joining')
  ) {
    return creatorReplied(ctx, conn, rq, secret, env, meta);
  }
  throw new AgentError('PROHIBITED', `a confirmation for a connection in state ${conn.status}`);
}

/** Creator: X3DH with the joiner's keys, the ratchet, and the confirmation for the application. */
async function joinerConfirmed(
  ctx: AgentContext,
  conn: ConnectionRecord,
  rq: RcvQueue,
  secret: Uint8Array,
  env: Confirmation,
  params: NonNullable<Confirmation['e2eParams']>,
  meta: Incoming,
): Promise<void> {
  const confirmationId = newId();
  let connInfo: Uint8Array = new Uint8Array(0);
  await ctx.transact(async (tx) => {
    const fresh = (await getConnection(tx, conn.connId)) ?? conn;
    const x3dh = (await getRatchet(tx, conn.connId))?.x3dhKeys;
    if (!x3dh) throw new AgentError('PROHIBITED', 'the X3DH keys of this connection are gone');
    let state: RatchetState;
    try {
      // A KEM proposal in the joiner's parameters is ignored; a KEM ciphertext is refused.
      state = initiatorRatchet(x3dh, params);
    } catch (e) {
      if (e instanceof RatchetError)
        throw new AgentError('RATCHET', e.message, e.code, { cause: e });
      throw e;
    }
    const dec = decrypting(state, [], env.encConnInfo);
    const message = parsing('confirmation', () => decodeAgentMessage(dec.plaintext));
    if (message.kind !== 'connInfoReply')
      throw new AgentError('PROHIBITED', 'a confirmation without a reply queue');
    const replyQueue = message.queues[0]!;
    checkReplyQueue(replyQueue);
    connInfo = message.connInfo;
    await setRatchetState(tx, conn.connId, dec.state);
    await addSkippedKeys(
      tx,
      conn.connId,
      dec.skippedAdded,
      ctx.nowMs(),
      ctx.skippedKeys.maxPerConnection,
    );
    await wipeX3dhKeys(tx, conn.connId);
    wipe(x3dh.key1);
    wipe(x3dh.key2);
    await setRcvQueueE2e(tx, rq.id, secret, 'confirmed');
    // A requester's request reached the address (the owner answers it): the address is done.
    for (const sq of await sndQueuesOf(tx, conn.connId)) {
      if (sq.queueMode === 'contact') await deleteSndQueue(tx, sq.id);
    }
    await recordFirst(ctx, tx, fresh, dec.plaintext, env.encConnInfo, meta, {
      status: 'confirmed',
      agentVersion: env.agentVersion,
      connInfo: null,
    });
    await insertConfirmation(
      tx,
      {
        confirmationId,
        connId: conn.connId,
        replyQueue: encode((w) => writeSmpQueueInfo(w, replyQueue)),
        connInfo,
      },
      ctx.nowIso(),
    );
  });
  ctx.events.emit('confirmation', { connId: conn.connId, confirmationId, connInfo });
  await ctx.step('confirmation.received', conn.connId);
}

/** Joiner: the creator's reply; the connection is connected. */
async function creatorReplied(
  ctx: AgentContext,
  conn: ConnectionRecord,
  rq: RcvQueue,
  secret: Uint8Array,
  env: Confirmation,
  meta: Incoming,
): Promise<void> {
  await ctx.transact(async (tx, emit) => {
    const fresh = (await getConnection(tx, conn.connId)) ?? conn;
    const state = (await getRatchet(tx, conn.connId))?.state;
    if (!state) throw new AgentError('PROHIBITED', 'the connection has no ratchet');
    const dec = decrypting(state, await skippedKeysOf(tx, conn.connId), env.encConnInfo);
    const message = parsing('confirmation', () => decodeAgentMessage(dec.plaintext));
    if (message.kind !== 'connInfo')
      throw new AgentError('PROHIBITED', 'unexpected reply confirmation');
    await setRatchetState(tx, conn.connId, dec.state);
    await addSkippedKeys(
      tx,
      conn.connId,
      dec.skippedAdded,
      ctx.nowMs(),
      ctx.skippedKeys.maxPerConnection,
    );
    await setRcvQueueE2e(tx, rq.id, secret, 'active');
    for (const sq of await sndQueuesOf(tx, conn.connId)) {
      // Our confirmation evidently arrived, even if its OK was lost.
      for (const m of await pendingSndMessages(tx, sq.id, 10)) {
        if (m.kind === 'confirmation') await markSndMessageSent(tx, conn.connId, m.agentMsgId);
      }
      await setSndQueueStatus(tx, sq.id, 'active');
    }
    await recordFirst(ctx, tx, fresh, dec.plaintext, env.encConnInfo, meta, {
      status: 'connected',
      agentVersion: env.agentVersion,
      connInfo: null,
    });
    await emit({ name: 'info', payload: { connId: conn.connId, connInfo: message.connInfo } });
    await emit({ name: 'connected', payload: { connId: conn.connId } });
  });
  await ctx.step('info.received', conn.connId);
}

/** A contact request to one of our addresses. */
export async function onRequest(
  ctx: AgentContext,
  rq: RcvQueue,
  env: Request,
  meta: Incoming,
): Promise<void> {
  const conn = await getConnection(ctx.db, rq.connId);
  if (!conn) return;
  if (conn.mode !== 'contact' || rq.queueMode !== 'contact') {
    throw new AgentError('PROHIBITED', 'a contact request on a queue that is not an address');
  }
  const connReq = formatConnectionRequest(env.connReq);
  const invitationId = newId();
  const inserted = await ctx.transact(async (tx) => {
    const fresh = (await getConnection(tx, conn.connId)) ?? conn;
    const agentMsgId = fresh.lastInternalId + 1;
    const hash = requestHash(connReq);
    await insertRcvMessage(
      tx,
      {
        connId: conn.connId,
        agentMsgId,
        kind: 'request',
        sndMsgId: 0n,
        brokerMsgId: meta.brokerMsgId,
        brokerTs: meta.brokerTs,
        encryptedHash: hash,
        msgHash: hash,
        integrity: { ok: true },
        notify: meta.notify,
      },
      ctx.nowMs(),
    );
    await updateConnection(tx, conn.connId, { lastInternalId: agentMsgId }, ctx.nowIso());
    const request = { invitationId, contactConnId: conn.connId, connReq, connReqHash: hash };
    return insertContactRequest(tx, { ...request, connInfo: env.connInfo }, ctx.nowIso());
  });
  if (inserted) {
    ctx.events.emit('request', {
      contactConnId: conn.connId,
      invitationId,
      connInfo: env.connInfo,
    });
  }
  await ctx.step('request.received', conn.connId);
}
