// Received messages: kept for de-duplication (server id, ciphertext hash), with the body only
// until the application ACKs it.
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import type { MsgIntegrity } from '../../../../protocol/agent';
import type { AgentMsgId, ConnId } from '../api';
import { parseRow } from '../../store/rows';
import { blob, flag, int, optionalBlob } from './columns';

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
