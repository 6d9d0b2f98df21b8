// Sent messages (encrypted and ready until the server accepts them, then only their hash for
// receipts) and received messages (kept for de-duplication; the body only until the app ACKs).
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import type { MsgIntegrity } from '../../../../protocol/agent';
import type { AgentMsgId, ConnId } from '../api';
import { parseRow } from '../../store/rows';
import { blob, flag, int, optionalBlob } from './columns';

export type SndMessageKind = 'confirmation' | 'request' | 'message' | 'receipt' | 'qcont';
export type SndMessageStatus = 'pending' | 'sent' | 'delivered' | 'failed';

export interface NewSndMessage {
  readonly connId: ConnId;
  readonly agentMsgId: AgentMsgId;
  readonly sndMsgId: number;
  readonly kind: SndMessageKind;
  readonly sndQueueId: number;
  readonly msgHash: Uint8Array;
  readonly body: Uint8Array;
  readonly notify: boolean;
}

export async function insertSndMessage(q: Executor, m: NewSndMessage, now: string): Promise<void> {
  await q.run(
    `INSERT INTO agent_snd_messages (conn_id, agent_msg_id, snd_msg_id, kind, snd_queue_id,
       msg_hash, body, notify, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    [m.connId, m.agentMsgId, m.sndMsgId, m.kind, m.sndQueueId, m.msgHash, m.body, m.notify, now],
  );
}

const PendingRow = z.object({
  conn_id: z.string(),
  agent_msg_id: int,
  kind: z.enum(['confirmation', 'request', 'message', 'receipt', 'qcont']),
  snd_queue_id: int,
  body: blob,
  notify: flag,
  attempts: int,
  first_attempt_at: int.nullable(),
});

export interface PendingSndMessage {
  readonly connId: ConnId;
  readonly agentMsgId: AgentMsgId;
  readonly kind: SndMessageKind;
  readonly sndQueueId: number;
  readonly body: Uint8Array;
  readonly notify: boolean;
  readonly attempts: number;
  readonly firstAttemptAt: number | null;
}

function toPending(row: z.output<typeof PendingRow>): PendingSndMessage {
  return {
    connId: row.conn_id,
    agentMsgId: row.agent_msg_id,
    kind: row.kind,
    sndQueueId: row.snd_queue_id,
    body: row.body,
    notify: row.notify,
    attempts: row.attempts,
    firstAttemptAt: row.first_attempt_at,
  };
}

/** The oldest pending messages of a send queue, in order. */
export async function pendingSndMessages(
  q: Executor,
  sndQueueId: number,
  limit: number,
): Promise<PendingSndMessage[]> {
  const rows = await q.all(
    `SELECT conn_id, agent_msg_id, kind, snd_queue_id, body, notify, attempts, first_attempt_at
     FROM agent_snd_messages WHERE snd_queue_id = ? AND status = 'pending'
     ORDER BY agent_msg_id LIMIT ?`,
    [sndQueueId, limit],
  );
  return rows.map((r) => toPending(parseRow(PendingRow, r, 'agent_snd_messages')));
}

/** Send queues that have pending messages (to restart their delivery). */
export async function sndQueuesWithPending(q: Executor): Promise<number[]> {
  const rows = await q.all(
    `SELECT DISTINCT snd_queue_id FROM agent_snd_messages
     WHERE status = 'pending' AND kind IN ('message', 'receipt', 'qcont')`,
  );
  return rows.map(
    (r) => parseRow(z.object({ snd_queue_id: int }), r, 'agent_snd_messages').snd_queue_id,
  );
}

export async function markSndMessageSent(q: Executor, connId: ConnId, agentMsgId: AgentMsgId) {
  await markSndMessagesSent(q, connId, [agentMsgId]);
}

/** Several messages of a connection accepted by the server, in one statement. */
export async function markSndMessagesSent(
  q: Executor,
  connId: ConnId,
  agentMsgIds: readonly AgentMsgId[],
): Promise<void> {
  if (agentMsgIds.length === 0) return;
  await q.run(
    `UPDATE agent_snd_messages SET status = 'sent', body = NULL
     WHERE conn_id = ? AND status = 'pending'
       AND agent_msg_id IN (${agentMsgIds.map(() => '?').join(', ')})`,
    [connId, ...agentMsgIds],
  );
}

export async function markSndMessageFailed(q: Executor, connId: ConnId, agentMsgId: AgentMsgId) {
  await q.run(
    `UPDATE agent_snd_messages SET status = 'failed', body = NULL
     WHERE conn_id = ? AND agent_msg_id = ?`,
    [connId, agentMsgId],
  );
}

export async function recordSndAttempt(
  q: Executor,
  connId: ConnId,
  agentMsgId: AgentMsgId,
  nowMs: number,
): Promise<void> {
  await q.run(
    `UPDATE agent_snd_messages SET attempts = attempts + 1,
       first_attempt_at = coalesce(first_attempt_at, ?) WHERE conn_id = ? AND agent_msg_id = ?`,
    [nowMs, connId, agentMsgId],
  );
}

const ReceiptTargetRow = z.object({
  agent_msg_id: int,
  kind: z.string(),
  msg_hash: blob,
  receipt_status: z.enum(['ok', 'badMsgHash']).nullable(),
});

export interface ReceiptTarget {
  readonly agentMsgId: AgentMsgId;
  readonly kind: string;
  readonly msgHash: Uint8Array;
  readonly receiptStatus: 'ok' | 'badMsgHash' | null;
}

/** Our sent message that a peer's receipt names by its sender id. */
export async function sndMessageBySndId(
  q: Executor,
  connId: ConnId,
  sndMsgId: number,
): Promise<ReceiptTarget | undefined> {
  const row = await q.get(
    `SELECT agent_msg_id, kind, msg_hash, receipt_status FROM agent_snd_messages
     WHERE conn_id = ? AND snd_msg_id = ?`,
    [connId, sndMsgId],
  );
  if (!row) return undefined;
  const r = parseRow(ReceiptTargetRow, row, 'agent_snd_messages');
  return {
    agentMsgId: r.agent_msg_id,
    kind: r.kind,
    msgHash: r.msg_hash,
    receiptStatus: r.receipt_status,
  };
}

export async function setReceiptStatus(
  q: Executor,
  connId: ConnId,
  agentMsgId: AgentMsgId,
  status: 'ok' | 'badMsgHash',
): Promise<void> {
  await q.run(
    `UPDATE agent_snd_messages SET receipt_status = ?,
       status = CASE WHEN status = 'failed' THEN status ELSE 'delivered' END, body = NULL
     WHERE conn_id = ? AND agent_msg_id = ?`,
    [status, connId, agentMsgId],
  );
}

// ---- received messages ----

export type RcvMessageKind =
  'confirmation' | 'request' | 'message' | 'receipt' | 'qcont' | 'control';

export interface NewRcvMessage {
  readonly connId: ConnId;
  readonly agentMsgId: AgentMsgId;
  readonly kind: RcvMessageKind;
  readonly sndMsgId: bigint;
  readonly brokerMsgId: Uint8Array;
  readonly brokerTs: number;
  readonly encryptedHash: Uint8Array;
  readonly msgHash: Uint8Array;
  readonly integrity: MsgIntegrity;
  readonly notify: boolean;
  /** Kept until the app ACKs (A_MSG only); absent for messages the agent ACKs itself. */
  readonly body?: Uint8Array | undefined;
}

export function integrityJson(i: MsgIntegrity): string {
  return JSON.stringify(i, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

const IntegrityJson = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.literal('BAD_ID'), msgId: z.string() }),
  z.object({ ok: z.literal(false), error: z.literal('DUPLICATE') }),
  z.object({
    ok: z.literal(false),
    error: z.literal('SKIPPED'),
    fromMsgId: z.string(),
    toMsgId: z.string(),
  }),
  z.object({ ok: z.literal(false), error: z.literal('BAD_HASH') }),
]);

export function parseIntegrity(text: string): MsgIntegrity {
  const v = IntegrityJson.parse(JSON.parse(text));
  if (v.ok) return v;
  switch (v.error) {
    case 'BAD_ID':
      return { ok: false, error: v.error, msgId: BigInt(v.msgId) };
    case 'SKIPPED':
      return {
        ok: false,
        error: v.error,
        fromMsgId: BigInt(v.fromMsgId),
        toMsgId: BigInt(v.toMsgId),
      };
    default:
      return v;
  }
}

export async function insertRcvMessage(
  q: Executor,
  m: NewRcvMessage,
  nowMs: number,
): Promise<void> {
  const pending = m.body !== undefined;
  await q.run(
    `INSERT INTO agent_rcv_messages (conn_id, agent_msg_id, kind, snd_msg_id, broker_msg_id,
       broker_ts, encrypted_hash, msg_hash, integrity, notify, body, app_acked, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      m.connId,
      m.agentMsgId,
      m.kind,
      m.sndMsgId,
      m.brokerMsgId,
      m.brokerTs,
      m.encryptedHash,
      m.msgHash,
      integrityJson(m.integrity),
      m.notify,
      m.body ?? null,
      !pending,
      nowMs,
    ],
  );
}

const RcvRow = z.object({
  conn_id: z.string(),
  agent_msg_id: int,
  kind: z.enum(['confirmation', 'request', 'message', 'receipt', 'qcont', 'control']),
  snd_msg_id: int,
  broker_msg_id: blob,
  broker_ts: int,
  msg_hash: blob,
  integrity: z.string(),
  notify: flag,
  body: optionalBlob,
  app_acked: flag,
});

export interface RcvMessage {
  readonly connId: ConnId;
  readonly agentMsgId: AgentMsgId;
  readonly kind: RcvMessageKind;
  readonly sndMsgId: bigint;
  readonly brokerMsgId: Uint8Array;
  readonly brokerTs: number;
  readonly msgHash: Uint8Array;
  readonly integrity: MsgIntegrity;
  readonly notify: boolean;
  readonly body: Uint8Array | null;
  readonly appAcked: boolean;
}

function toRcv(r: z.output<typeof RcvRow>): RcvMessage {
  return {
    connId: r.conn_id,
    agentMsgId: r.agent_msg_id,
    kind: r.kind,
    sndMsgId: BigInt(r.snd_msg_id),
    brokerMsgId: r.broker_msg_id,
    brokerTs: r.broker_ts,
    msgHash: r.msg_hash,
    integrity: parseIntegrity(r.integrity),
    notify: r.notify,
    body: r.body,
    appAcked: r.app_acked,
  };
}

const RCV_COLUMNS = `conn_id, agent_msg_id, kind, snd_msg_id, broker_msg_id, broker_ts, msg_hash,
  integrity, notify, body, app_acked`;

export async function rcvMessageByBrokerId(
  q: Executor,
  connId: ConnId,
  brokerMsgId: Uint8Array,
): Promise<RcvMessage | undefined> {
  const row = await q.get(
    `SELECT ${RCV_COLUMNS} FROM agent_rcv_messages WHERE conn_id = ? AND broker_msg_id = ?`,
    [connId, brokerMsgId],
  );
  return row ? toRcv(parseRow(RcvRow, row, 'agent_rcv_messages')) : undefined;
}

export async function rcvMessageHashExists(
  q: Executor,
  connId: ConnId,
  encryptedHash: Uint8Array,
): Promise<boolean> {
  const row = await q.get(
    'SELECT 1 AS found FROM agent_rcv_messages WHERE conn_id = ? AND encrypted_hash = ?',
    [connId, encryptedHash],
  );
  return row !== undefined;
}

export async function getRcvMessage(
  q: Executor,
  connId: ConnId,
  agentMsgId: AgentMsgId,
): Promise<RcvMessage | undefined> {
  const row = await q.get(
    `SELECT ${RCV_COLUMNS} FROM agent_rcv_messages WHERE conn_id = ? AND agent_msg_id = ?`,
    [connId, agentMsgId],
  );
  return row ? toRcv(parseRow(RcvRow, row, 'agent_rcv_messages')) : undefined;
}

export async function markRcvMessageAcked(q: Executor, connId: ConnId, agentMsgId: AgentMsgId) {
  await q.run(
    `UPDATE agent_rcv_messages SET app_acked = 1, body = NULL
     WHERE conn_id = ? AND agent_msg_id = ?`,
    [connId, agentMsgId],
  );
}

const AckedRow = z.object({ broker_msg_id: blob, snd_msg_id: int, msg_hash: blob });

/**
 * Marks an application message ACKed and deletes its body, in one statement; undefined when
 * there is no such unACKed message.
 */
export async function ackRcvMessage(
  q: Executor,
  connId: ConnId,
  agentMsgId: AgentMsgId,
): Promise<{ brokerMsgId: Uint8Array; sndMsgId: bigint; msgHash: Uint8Array } | undefined> {
  const row = await q.get(
    `UPDATE agent_rcv_messages SET app_acked = 1, body = NULL
     WHERE conn_id = ? AND agent_msg_id = ? AND kind = 'message' AND app_acked = 0
     RETURNING broker_msg_id, snd_msg_id, msg_hash`,
    [connId, agentMsgId],
  );
  if (!row) return undefined;
  const r = parseRow(AckedRow, row, 'agent_rcv_messages');
  return { brokerMsgId: r.broker_msg_id, sndMsgId: BigInt(r.snd_msg_id), msgHash: r.msg_hash };
}

/**
 * Records of received messages older than `beforeMs`: no redelivery can come any more (ACKed
 * ones through their age index, unACKed ones through theirs, which is small).
 */
export async function deleteRcvMessagesBefore(q: Executor, beforeMs: number): Promise<number> {
  const acked = await q.run(
    'DELETE FROM agent_rcv_messages WHERE app_acked = 1 AND created_at < ?',
    [beforeMs],
  );
  const unacked = await q.run(
    'DELETE FROM agent_rcv_messages WHERE app_acked = 0 AND created_at < ?',
    [beforeMs],
  );
  return acked.changes + unacked.changes;
}
