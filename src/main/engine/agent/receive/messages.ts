// Agent messages on a connected connection (§2.6–2.9): double-ratchet decryption, integrity,
// and, in one transaction, the new ratchet state, skipped keys added and used, the received
// message record and the last received id and hash. A_MSG is then held for the application's
// ACK; receipts, QC and control messages are ACKed by the agent.
import type { Transaction } from '../../../../node/sqlite';
import {
  agentMessageHash,
  checkMsgIntegrity,
  decodeAgentMessage,
  RatchetError,
  type AgentMsgEnvelope,
  type MsgReceipt,
  type SndQueueAddress,
} from '../../../../protocol/agent';
import { sha256 } from '../../../../protocol/crypto';
import { bytesEqual } from '../../../../protocol/encoding';
import { sameSmpServer } from '../../../../protocol/smp';
import type { AgentEventMap, ConnId } from '../api';
import type { AgentContext, EmitDurable } from '../context';
import type { HotState } from '../hot-state';
import { AgentError } from '../errors';
import { completeAllowed } from '../handshake/allow';
import { updateConnection } from '../store/connections';
import { setReceiptStatus, sndMessageBySndId } from '../store/snd-messages';
import { insertRcvMessage, rcvMessageHashExists, type NewRcvMessage } from '../store/rcv-messages';
import { sndQueuesOf, type RcvQueue } from '../store/queues';
import { addSkippedKeys, deleteSkippedKey } from '../store/ratchets';
import { checkAgentVersion } from '../versions';
import type { Incoming } from './handshake';
import { decrypting, parsing } from './layers';

type MessageEnvelope = Extract<AgentMsgEnvelope, { kind: 'message' }>;

export interface MessageOutcome {
  /** An A_MSG for the application: emitted now, ACKed when the application ACKs it. */
  readonly message?: AgentEventMap['message'];
  /** Send queues whose delivery may continue (the peer's QC). */
  readonly resume: readonly number[];
  /** A message we decrypted but do not act on (queue rotation, which we never start). */
  readonly prohibited?: AgentError;
  /** SHA-256 of the agent message (echoed in a receipt). */
  readonly msgHash?: Uint8Array;
}

const REPLAY_CODES = new Set(['DUPLICATE', 'EARLIER', 'HEADER']);

export async function onAgentMessage(
  ctx: AgentContext,
  rq: RcvQueue,
  env: MessageEnvelope,
  meta: Incoming,
): Promise<MessageOutcome> {
  checkAgentVersion(env.agentVersion);
  return ctx.locks.run(rq.connId, async () => {
    try {
      const hot = await loadForMessage(ctx, rq);
      const { outcome, next } = await ctx.transact((tx, emit) =>
        receive(ctx, tx, emit, hot, env, meta),
      );
      if (next) ctx.hot.set(next);
      else ctx.hot.drop(rq.connId);
      return outcome;
    } catch (e) {
      ctx.hot.drop(rq.connId);
      throw e;
    }
  });
}

async function loadForMessage(ctx: AgentContext, rq: RcvQueue): Promise<HotState> {
  let hot: HotState;
  try {
    hot = await ctx.hot.get(ctx.db, rq.connId);
  } catch (e) {
    if (e instanceof AgentError && e.code === 'CONN_STATE') {
      throw new AgentError('PROHIBITED', 'a message before the connection has a ratchet');
    }
    throw e;
  }
  const status = hot.conn.status;
  if (status !== 'connected' && status !== 'allowed') {
    throw new AgentError('PROHIBITED', `a message for a connection in state ${status}`);
  }
  return hot;
}

/** Decrypts and records one message in `tx`; `next` is the hot state after it, if still valid. */
async function receive(
  ctx: AgentContext,
  tx: Transaction,
  emit: EmitDurable,
  hot: HotState,
  env: MessageEnvelope,
  meta: Incoming,
): Promise<{ outcome: MessageOutcome; next?: HotState }> {
  const { conn } = hot;
  const encryptedHash = sha256(env.encAgentMessage);
  let dec;
  try {
    dec = decrypting(hot.ratchet, hot.skipped, env.encAgentMessage);
  } catch (e) {
    const code = e instanceof AgentError && e.cause instanceof RatchetError ? e.cause.code : '';
    if (REPLAY_CODES.has(code) && (await rcvMessageHashExists(tx, conn.connId, encryptedHash))) {
      throw new AgentError('DUPLICATE', 'a message received before, sent again', code);
    }
    throw e;
  }
  const message = parsing('agent message', () => decodeAgentMessage(dec.plaintext));
  if (message.kind !== 'message') {
    throw new AgentError('PROHIBITED', 'a handshake message on a connected connection');
  }
  const { sndMsgId } = message;
  if (sndMsgId < 1n || sndMsgId > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AgentError('MESSAGE', 'sender message id out of range');
  }
  const integrity = checkMsgIntegrity(
    BigInt(conn.lastExtSndId),
    conn.lastRcvHash,
    sndMsgId,
    message.prevMsgHash,
  );
  // A sequential message that names another previous message was not written by our peer's
  // honest agent: refuse it before anything is stored (the caller reports it and ACKs).
  if (!integrity.ok && integrity.error === 'BAD_HASH') {
    throw new AgentError(
      'INTEGRITY',
      'the previous-message hash does not match the last message received',
      'BAD_HASH',
    );
  }
  const msgHash = agentMessageHash(dec.plaintext);
  const max = ctx.skippedKeys.maxPerConnection;
  await addSkippedKeys(tx, conn.connId, dec.skippedAdded, ctx.nowMs(), max);
  if (dec.skippedUsed) await deleteSkippedKey(tx, conn.connId, dec.skippedUsed);
  // The joiner's message shows that our reply confirmation arrived.
  const wasAllowed = conn.status === 'allowed';
  if (wasAllowed) await completeAllowed(ctx, tx, conn, emit);
  const agentMsgId = conn.lastInternalId + 1;
  const counters = {
    lastInternalId: agentMsgId,
    lastExtSndId: Number(sndMsgId),
    lastRcvHash: msgHash,
  };
  await updateConnection(tx, conn.connId, { ...counters, ratchetState: dec.state }, ctx.nowIso());

  const used = dec.skippedUsed;
  const skipped = [
    ...hot.skipped.filter(
      (k) => !(used && k.msgNumber === used.msgNumber && bytesEqual(k.headerKey, used.headerKey)),
    ),
    ...dec.skippedAdded,
  ];
  // The store drops the oldest keys beyond the bound; rather than mirror that, reload.
  const next: HotState | undefined =
    wasAllowed || skipped.length > max
      ? undefined
      : { ...hot, conn: { ...conn, ...counters }, ratchet: dec.state, skipped };

  const record: Omit<NewRcvMessage, 'kind'> = {
    connId: conn.connId,
    agentMsgId,
    sndMsgId,
    brokerMsgId: meta.brokerMsgId,
    brokerTs: meta.brokerTs,
    encryptedHash,
    msgHash,
    integrity,
    notify: meta.notify,
  };
  const now = ctx.nowMs();
  const a = message.message;
  switch (a.kind) {
    case 'A_MSG': {
      await insertRcvMessage(tx, { ...record, kind: 'message', body: a.body }, now);
      const event = {
        connId: conn.connId,
        agentMsgId,
        body: a.body,
        integrity,
        sndMsgId,
        brokerTs: new Date(meta.brokerTs),
        notify: meta.notify,
      };
      return { outcome: { message: event, msgHash, resume: [] }, next };
    }
    case 'A_RCVD':
      await insertRcvMessage(tx, { ...record, kind: 'receipt' }, now);
      await receipts(tx, conn.connId, a.receipts, emit);
      return { outcome: { resume: [] }, next };
    case 'A_QCONT': {
      await insertRcvMessage(tx, { ...record, kind: 'qcont' }, now);
      const resume = await continueQueues(tx, conn.connId, a.address);
      await emit({ name: 'qcont', payload: { connId: conn.connId } });
      return { outcome: { resume }, next };
    }
    case 'HELLO':
    case 'EREADY':
      await insertRcvMessage(tx, { ...record, kind: 'control' }, now);
      return { outcome: { resume: [] }, next };
    default: {
      await insertRcvMessage(tx, { ...record, kind: 'control' }, now);
      const prohibited = new AgentError(
        'PROHIBITED',
        `queue rotation (${a.kind}) is not supported`,
      );
      return { outcome: { resume: [], prohibited }, next };
    }
  }
}

/** The peer's receipts for our messages: `delivered`, with whether the hash matched. */
async function receipts(
  tx: Transaction,
  connId: ConnId,
  list: readonly MsgReceipt[],
  emit: EmitDurable,
): Promise<void> {
  for (const r of list) {
    if (r.agentMsgId < 1n || r.agentMsgId > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    const target = await sndMessageBySndId(tx, connId, Number(r.agentMsgId));
    // Receipts are for application messages only, and reported once.
    if (!target || target.kind !== 'message' || target.receiptStatus === 'ok') continue;
    const status = bytesEqual(r.msgHash, target.msgHash) ? 'ok' : 'badMsgHash';
    await setReceiptStatus(tx, connId, target.agentMsgId, status);
    await emit({
      name: 'delivered',
      payload: { connId, agentMsgId: target.agentMsgId, status, receiptInfo: r.rcptInfo },
    });
  }
}

/** QC names the queue that had been full; its delivery continues. */
async function continueQueues(
  tx: Transaction,
  connId: ConnId,
  address: SndQueueAddress,
): Promise<number[]> {
  return (await sndQueuesOf(tx, connId))
    .filter(
      (sq) => sameSmpServer(sq.server, address.server) && bytesEqual(sq.senderId, address.senderId),
    )
    .map((sq) => sq.id);
}
