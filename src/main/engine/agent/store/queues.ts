// Receive and send queues of connections, with their keys and handshake status.
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import type { QueueMode } from '../../../../protocol/agent';
import type { SmpServer } from '../../../../protocol/smp';
import type { ConnId } from '../api';
import { parseRow } from '../../store/rows';
import { blob, int, optionalBlob, server, serverText } from './columns';

const queueMode = z.enum(['messaging', 'contact']);

const RcvQueueRow = z.object({
  rcv_queue_id: int,
  conn_id: z.string(),
  server,
  recipient_id: optionalBlob,
  sender_id: optionalBlob,
  link_id: optionalBlob,
  queue_mode: queueMode,
  rcv_auth_key: blob,
  rcv_dh_private: blob,
  rcv_dh_secret: optionalBlob,
  e2e_private: blob,
  e2e_dh_secret: optionalBlob,
  smp_client_version: int,
  status: z.enum(['new', 'created', 'confirmed', 'active']),
});

export type RcvQueueStatus = z.output<typeof RcvQueueRow>['status'];

export interface RcvQueue {
  readonly id: number;
  readonly connId: ConnId;
  readonly server: SmpServer;
  readonly recipientId: Uint8Array | null;
  readonly senderId: Uint8Array | null;
  readonly linkId: Uint8Array | null;
  readonly queueMode: QueueMode;
  readonly rcvAuthKey: Uint8Array;
  readonly rcvDhPrivate: Uint8Array;
  readonly rcvDhSecret: Uint8Array | null;
  readonly e2ePrivate: Uint8Array;
  readonly e2eDhSecret: Uint8Array | null;
  readonly smpClientVersion: number;
  readonly status: RcvQueueStatus;
}

function toRcvQueue(r: z.output<typeof RcvQueueRow>): RcvQueue {
  return {
    id: r.rcv_queue_id,
    connId: r.conn_id,
    server: r.server,
    recipientId: r.recipient_id,
    senderId: r.sender_id,
    linkId: r.link_id,
    queueMode: r.queue_mode,
    rcvAuthKey: r.rcv_auth_key,
    rcvDhPrivate: r.rcv_dh_private,
    rcvDhSecret: r.rcv_dh_secret,
    e2ePrivate: r.e2e_private,
    e2eDhSecret: r.e2e_dh_secret,
    smpClientVersion: r.smp_client_version,
    status: r.status,
  };
}

export interface NewRcvQueue {
  readonly connId: ConnId;
  readonly server: SmpServer;
  readonly queueMode: QueueMode;
  readonly rcvAuthKey: Uint8Array;
  readonly rcvDhPrivate: Uint8Array;
  readonly e2ePrivate: Uint8Array;
  readonly smpClientVersion: number;
}

export async function insertRcvQueue(q: Executor, n: NewRcvQueue, now: string): Promise<number> {
  const { lastId } = await q.run(
    `INSERT INTO agent_rcv_queues (conn_id, server, queue_mode, rcv_auth_key, rcv_dh_private,
       e2e_private, smp_client_version, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?)`,
    [
      n.connId,
      serverText(n.server),
      n.queueMode,
      n.rcvAuthKey,
      n.rcvDhPrivate,
      n.e2ePrivate,
      n.smpClientVersion,
      now,
    ],
  );
  return lastId;
}

/** Fresh keys for a queue whose NEW has to be repeated (the first may have left an orphan). */
export async function replaceRcvQueueKeys(
  q: Executor,
  id: number,
  keys: Pick<NewRcvQueue, 'rcvAuthKey' | 'rcvDhPrivate' | 'e2ePrivate'>,
): Promise<void> {
  await q.run(
    `UPDATE agent_rcv_queues SET rcv_auth_key = ?, rcv_dh_private = ?, e2e_private = ?
     WHERE rcv_queue_id = ? AND status = 'new'`,
    [keys.rcvAuthKey, keys.rcvDhPrivate, keys.e2ePrivate, id],
  );
}

export async function setRcvQueueCreated(
  q: Executor,
  id: number,
  ids: {
    readonly recipientId: Uint8Array;
    readonly senderId: Uint8Array;
    readonly linkId?: Uint8Array | undefined;
    readonly rcvDhSecret: Uint8Array;
  },
): Promise<void> {
  await q.run(
    `UPDATE agent_rcv_queues SET recipient_id = ?, sender_id = ?, link_id = ?, rcv_dh_secret = ?,
       status = 'created' WHERE rcv_queue_id = ?`,
    [ids.recipientId, ids.senderId, ids.linkId ?? null, ids.rcvDhSecret, id],
  );
}

export async function setRcvQueueE2e(
  q: Executor,
  id: number,
  e2eDhSecret: Uint8Array,
  status: RcvQueueStatus,
): Promise<void> {
  await q.run('UPDATE agent_rcv_queues SET e2e_dh_secret = ?, status = ? WHERE rcv_queue_id = ?', [
    e2eDhSecret,
    status,
    id,
  ]);
}

export async function setRcvQueueStatus(q: Executor, id: number, status: RcvQueueStatus) {
  await q.run('UPDATE agent_rcv_queues SET status = ? WHERE rcv_queue_id = ?', [status, id]);
}

export async function rcvQueuesOf(q: Executor, connId: ConnId): Promise<RcvQueue[]> {
  const rows = await q.all(
    'SELECT * FROM agent_rcv_queues WHERE conn_id = ? ORDER BY rcv_queue_id',
    [connId],
  );
  return rows.map((r) => toRcvQueue(parseRow(RcvQueueRow, r, 'agent_rcv_queues')));
}

export async function rcvQueueByRecipient(
  q: Executor,
  recipientId: Uint8Array,
): Promise<RcvQueue | undefined> {
  const row = await q.get('SELECT * FROM agent_rcv_queues WHERE recipient_id = ?', [recipientId]);
  return row ? toRcvQueue(parseRow(RcvQueueRow, row, 'agent_rcv_queues')) : undefined;
}

/** Every queue the agent receives on (created, of a connection that is not failed). */
export async function subscribableRcvQueues(q: Executor): Promise<RcvQueue[]> {
  const rows = await q.all(
    `SELECT q.* FROM agent_rcv_queues q JOIN agent_connections c USING (conn_id)
     WHERE q.recipient_id IS NOT NULL AND c.status != 'failed' ORDER BY q.rcv_queue_id`,
  );
  return rows.map((r) => toRcvQueue(parseRow(RcvQueueRow, r, 'agent_rcv_queues')));
}

// ---- send queues ----

const SndQueueRow = z.object({
  snd_queue_id: int,
  conn_id: z.string(),
  server,
  sender_id: blob,
  queue_mode: queueMode,
  snd_auth_key: optionalBlob,
  peer_dh_public: blob,
  e2e_private: blob,
  e2e_dh_secret: blob,
  smp_client_version: int,
  status: z.enum(['new', 'secured', 'confirmed', 'active']),
});

export type SndQueueStatus = z.output<typeof SndQueueRow>['status'];

export interface SndQueue {
  readonly id: number;
  readonly connId: ConnId;
  readonly server: SmpServer;
  readonly senderId: Uint8Array;
  readonly queueMode: QueueMode;
  /** Absent for a contact address, which is never secured. */
  readonly sndAuthKey: Uint8Array | null;
  readonly peerDhPublic: Uint8Array;
  readonly e2ePrivate: Uint8Array;
  readonly e2eDhSecret: Uint8Array;
  readonly smpClientVersion: number;
  readonly status: SndQueueStatus;
}

function toSndQueue(r: z.output<typeof SndQueueRow>): SndQueue {
  return {
    id: r.snd_queue_id,
    connId: r.conn_id,
    server: r.server,
    senderId: r.sender_id,
    queueMode: r.queue_mode,
    sndAuthKey: r.snd_auth_key,
    peerDhPublic: r.peer_dh_public,
    e2ePrivate: r.e2e_private,
    e2eDhSecret: r.e2e_dh_secret,
    smpClientVersion: r.smp_client_version,
    status: r.status,
  };
}

export type NewSndQueue = Omit<SndQueue, 'id'>;

export async function insertSndQueue(q: Executor, n: NewSndQueue, now: string): Promise<number> {
  const { lastId } = await q.run(
    `INSERT INTO agent_snd_queues (conn_id, server, sender_id, queue_mode, snd_auth_key,
       peer_dh_public, e2e_private, e2e_dh_secret, smp_client_version, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      n.connId,
      serverText(n.server),
      n.senderId,
      n.queueMode,
      n.sndAuthKey,
      n.peerDhPublic,
      n.e2ePrivate,
      n.e2eDhSecret,
      n.smpClientVersion,
      n.status,
      now,
    ],
  );
  return lastId;
}

export async function setSndQueueStatus(q: Executor, id: number, status: SndQueueStatus) {
  await q.run('UPDATE agent_snd_queues SET status = ? WHERE snd_queue_id = ?', [status, id]);
}

export async function sndQueuesOf(q: Executor, connId: ConnId): Promise<SndQueue[]> {
  const rows = await q.all(
    'SELECT * FROM agent_snd_queues WHERE conn_id = ? ORDER BY snd_queue_id',
    [connId],
  );
  return rows.map((r) => toSndQueue(parseRow(SndQueueRow, r, 'agent_snd_queues')));
}

export async function getSndQueue(q: Executor, id: number): Promise<SndQueue | undefined> {
  const row = await q.get('SELECT * FROM agent_snd_queues WHERE snd_queue_id = ?', [id]);
  return row ? toSndQueue(parseRow(SndQueueRow, row, 'agent_snd_queues')) : undefined;
}

export async function deleteSndQueue(q: Executor, id: number): Promise<void> {
  await q.run('DELETE FROM agent_snd_queues WHERE snd_queue_id = ?', [id]);
}
