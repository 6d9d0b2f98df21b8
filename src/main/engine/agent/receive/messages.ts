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
import { AgentError } from '../errors';
import { completeAllowed } from '../handshake/allow';
import { getConnection, updateConnection } from '../store/connections';
import {
  insertRcvMessage,
  rcvMessageHashExists,
  setReceiptStatus,
  sndMessageBySndId,
  type NewRcvMessage,
} from '../store/messages';
import { sndQueuesOf, type RcvQueue } from '../store/queues';
import {
  addSkippedKeys,
  deleteSkippedKey,
  getRatchet,
  setRatchetState,
  skippedKeysOf,
} from '../store/ratchets';
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
}

const REPLAY_CODES = new Set(['DUPLICATE', 'EARLIER', 'HEADER']);

export async function onAgentMessage(
  ctx: AgentContext,
  rq: RcvQueue,
  env: MessageEnvelope,
  meta: Incoming,
): Promise<MessageOutcome> {
  checkAgentVersion(env.agentVersion);
  const encryptedHash = sha256(env.encAgentMessage);
  return ctx.transact(async (tx, emit) => {
    const conn = await getConnection(tx, rq.connId);
    if (!conn) return { resume: [] };
    if (conn.status !== 'connected' && conn.status !== 'allowed') {
      throw new AgentError('PROHIBITED', `a message for a connection in state ${conn.status}`);
    }
    const state = (await getRatchet(tx, conn.connId))?.state;
    if (!state) throw new AgentError('PROHIBITED', 'the connection has no ratchet');
    let dec;
    try {
      dec = decrypting(state, await skippedKeysOf(tx, conn.connId), env.encAgentMessage);
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
    const msgHash = agentMessageHash(dec.plaintext);
    await setRatchetState(tx, conn.connId, dec.state);
    await addSkippedKeys(
      tx,
      conn.connId,
      dec.skippedAdded,
      ctx.nowMs(),
      ctx.skippedKeys.maxPerConnection,
    );
    if (dec.skippedUsed) await deleteSkippedKey(tx, conn.connId, dec.skippedUsed);
    // The joiner's message shows that our reply confirmation arrived.
    if (conn.status === 'allowed') await completeAllowed(ctx, tx, conn, emit);
    const agentMsgId = conn.lastInternalId + 1;
    await updateConnection(
      tx,
      conn.connId,
      { lastInternalId: agentMsgId, lastExtSndId: Number(sndMsgId), lastRcvHash: msgHash },
      ctx.nowIso(),
    );
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
        return { message: event, resume: [] };
      }
      case 'A_RCVD':
        await insertRcvMessage(tx, { ...record, kind: 'receipt' }, now);
        await receipts(tx, conn.connId, a.receipts, emit);
        return { resume: [] };
      case 'A_QCONT': {
        await insertRcvMessage(tx, { ...record, kind: 'qcont' }, now);
        const resume = await continueQueues(tx, conn.connId, a.address);
        await emit({ name: 'qcont', payload: { connId: conn.connId } });
        return { resume };
      }
      case 'HELLO':
      case 'EREADY':
        await insertRcvMessage(tx, { ...record, kind: 'control' }, now);
        return { resume: [] };
      default:
        await insertRcvMessage(tx, { ...record, kind: 'control' }, now);
        return {
          resume: [],
          prohibited: new AgentError('PROHIBITED', `queue rotation (${a.kind}) is not supported`),
        };
    }
  });
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
