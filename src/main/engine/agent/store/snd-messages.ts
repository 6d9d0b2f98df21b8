// Sent messages: encrypted and ready until the server accepts them, then only their hash (for
// the peer's receipt) and status.
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import type { AgentMsgId, ConnId } from '../api';
import { parseRow } from '../../store/rows';
import { blob, flag, int } from './columns';

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
