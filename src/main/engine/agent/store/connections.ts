// Connections: mode, role, handshake status, versions, the link and our pending connInfo, and
// the message numbering of §2.6.
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import { encodeRatchetState, type RatchetState } from '../../../../protocol/agent';
import type {
  ConnectionInfo,
  ConnectionMode,
  ConnectionRole,
  ConnectionStatus,
  ConnId,
} from '../api';
import { parseRow } from '../../store/rows';
import { blob, int, optionalBlob } from './columns';

const STATUSES = [
  'new',
  'pending',
  'prepared',
  'joining',
  'joined',
  'confirmed',
  'allowed',
  'requesting',
  'connected',
  'failed',
] as const satisfies readonly ConnectionStatus[];

const ConnectionRow = z.object({
  conn_id: z.string(),
  mode: z.enum(['invitation', 'contact']),
  role: z.enum(['initiator', 'joiner']),
  status: z.enum(STATUSES),
  agent_version: int,
  conn_link: z.string().nullable(),
  conn_info: optionalBlob,
  last_internal_id: int,
  last_snd_msg_id: int,
  last_snd_hash: blob,
  last_ext_snd_id: int,
  last_rcv_hash: blob,
  error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export interface ConnectionRecord {
  readonly connId: ConnId;
  readonly mode: ConnectionMode;
  readonly role: ConnectionRole;
  readonly status: ConnectionStatus;
  readonly agentVersion: number;
  readonly connLink: string | null;
  readonly connInfo: Uint8Array | null;
  readonly lastInternalId: number;
  readonly lastSndMsgId: number;
  readonly lastSndHash: Uint8Array;
  readonly lastExtSndId: number;
  readonly lastRcvHash: Uint8Array;
  readonly error: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function toRecord(row: z.output<typeof ConnectionRow>): ConnectionRecord {
  return {
    connId: row.conn_id,
    mode: row.mode,
    role: row.role,
    status: row.status,
    agentVersion: row.agent_version,
    connLink: row.conn_link,
    connInfo: row.conn_info,
    lastInternalId: row.last_internal_id,
    lastSndMsgId: row.last_snd_msg_id,
    lastSndHash: row.last_snd_hash,
    lastExtSndId: row.last_ext_snd_id,
    lastRcvHash: row.last_rcv_hash,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function connectionInfo(c: ConnectionRecord): ConnectionInfo {
  return {
    connId: c.connId,
    mode: c.mode,
    role: c.role,
    status: c.status,
    agentVersion: c.agentVersion,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export interface NewConnection {
  readonly connId: ConnId;
  readonly mode: ConnectionMode;
  readonly role: ConnectionRole;
  readonly status: ConnectionStatus;
  readonly agentVersion: number;
  readonly connLink?: string | undefined;
}

/** A new connection, with its (empty) message stream row. */
export async function insertConnection(q: Executor, c: NewConnection, now: string): Promise<void> {
  await q.run(
    `INSERT INTO agent_connections (conn_id, mode, role, status, agent_version, conn_link,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [c.connId, c.mode, c.role, c.status, c.agentVersion, c.connLink ?? null, now, now],
  );
  await q.run('INSERT INTO agent_ratchets (conn_id) VALUES (?)', [c.connId]);
}

/** The connection with the numbering of its message stream. */
const SELECT = `SELECT c.*, r.last_internal_id, r.last_snd_msg_id, r.last_snd_hash,
  r.last_ext_snd_id, r.last_rcv_hash FROM agent_connections c JOIN agent_ratchets r USING (conn_id)`;

export async function getConnection(
  q: Executor,
  connId: ConnId,
): Promise<ConnectionRecord | undefined> {
  const row = await q.get(`${SELECT} WHERE c.conn_id = ?`, [connId]);
  return row ? toRecord(parseRow(ConnectionRow, row, 'agent_connections')) : undefined;
}

export async function listConnections(q: Executor): Promise<ConnectionRecord[]> {
  const rows = await q.all(`${SELECT} ORDER BY c.created_at, c.rowid`);
  return rows.map((r) => toRecord(parseRow(ConnectionRow, r, 'agent_connections')));
}

export async function connectionsWithStatus(
  q: Executor,
  statuses: readonly ConnectionStatus[],
): Promise<ConnectionRecord[]> {
  const marks = statuses.map(() => '?').join(', ');
  const rows = await q.all(
    `${SELECT} WHERE c.status IN (${marks}) ORDER BY c.created_at, c.rowid`,
    statuses,
  );
  return rows.map((r) => toRecord(parseRow(ConnectionRow, r, 'agent_connections')));
}

/** The fields a state transition may change; the others keep their values. */
export type ConnectionUpdate = Partial<
  Pick<
    ConnectionRecord,
    | 'status'
    | 'agentVersion'
    | 'connLink'
    | 'connInfo'
    | 'lastInternalId'
    | 'lastSndMsgId'
    | 'lastSndHash'
    | 'lastExtSndId'
    | 'lastRcvHash'
    | 'error'
  >
> & {
  /** The ratchet after this transition (stored with the numbering, in one statement). */
  readonly ratchetState?: RatchetState | undefined;
};

type Column = Exclude<keyof ConnectionUpdate, 'ratchetState'>;

const CONNECTION_COLUMNS: Partial<Record<Column, string>> = {
  status: 'status',
  agentVersion: 'agent_version',
  connLink: 'conn_link',
  connInfo: 'conn_info',
  error: 'error',
};

const STREAM_COLUMNS: Partial<Record<Column, string>> = {
  lastInternalId: 'last_internal_id',
  lastSndMsgId: 'last_snd_msg_id',
  lastSndHash: 'last_snd_hash',
  lastExtSndId: 'last_ext_snd_id',
  lastRcvHash: 'last_rcv_hash',
};

function assignments(update: ConnectionUpdate, columns: Partial<Record<Column, string>>) {
  const keys = (Object.keys(columns) as Column[]).filter((k) => update[k] !== undefined);
  return {
    sets: keys.map((k) => `${columns[k]!} = ?`),
    values: keys.map((k) => update[k] ?? null),
  };
}

/**
 * Applies a state transition: the connection row only when one of its own fields changes (a
 * message changes only the stream row, in one statement).
 */
export async function updateConnection(
  q: Executor,
  connId: ConnId,
  update: ConnectionUpdate,
  now: string,
): Promise<void> {
  const conn = assignments(update, CONNECTION_COLUMNS);
  if (conn.sets.length > 0) {
    await q.run(
      `UPDATE agent_connections SET ${[...conn.sets, 'updated_at = ?'].join(', ')} WHERE conn_id = ?`,
      [...conn.values, now, connId],
    );
  }
  const stream = assignments(update, STREAM_COLUMNS);
  if (update.ratchetState) {
    stream.sets.push('state = ?');
    stream.values.push(encodeRatchetState(update.ratchetState));
  }
  if (stream.sets.length > 0) {
    await q.run(`UPDATE agent_ratchets SET ${stream.sets.join(', ')} WHERE conn_id = ?`, [
      ...stream.values,
      connId,
    ]);
  }
}

export async function deleteConnectionRow(q: Executor, connId: ConnId): Promise<boolean> {
  const { changes } = await q.run('DELETE FROM agent_connections WHERE conn_id = ?', [connId]);
  return changes > 0;
}
