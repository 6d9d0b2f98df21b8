// Decisions waiting for the application: a joiner's confirmation (creator side) and contact
// requests to an address.
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import type { ConfirmationId, ConnId, InvitationId } from '../api';
import { parseRow } from '../../store/rows';
import { blob } from './columns';

const ConfirmationRow = z.object({
  confirmation_id: z.string(),
  conn_id: z.string(),
  reply_queue: blob,
  conn_info: blob,
  status: z.enum(['pending', 'allowed']),
});

export interface Confirmation {
  readonly confirmationId: ConfirmationId;
  readonly connId: ConnId;
  /** Binary SmpQueueInfo of the joiner's reply queue. */
  readonly replyQueue: Uint8Array;
  readonly connInfo: Uint8Array;
  readonly status: 'pending' | 'allowed';
}

function toConfirmation(r: z.output<typeof ConfirmationRow>): Confirmation {
  return {
    confirmationId: r.confirmation_id,
    connId: r.conn_id,
    replyQueue: r.reply_queue,
    connInfo: r.conn_info,
    status: r.status,
  };
}

export async function insertConfirmation(
  q: Executor,
  c: Omit<Confirmation, 'status'>,
  now: string,
): Promise<void> {
  await q.run(
    `INSERT INTO agent_confirmations (confirmation_id, conn_id, reply_queue, conn_info, status,
       created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
    [c.confirmationId, c.connId, c.replyQueue, c.connInfo, now],
  );
}

export async function getConfirmation(
  q: Executor,
  confirmationId: ConfirmationId,
): Promise<Confirmation | undefined> {
  const row = await q.get('SELECT * FROM agent_confirmations WHERE confirmation_id = ?', [
    confirmationId,
  ]);
  return row ? toConfirmation(parseRow(ConfirmationRow, row, 'agent_confirmations')) : undefined;
}

export async function setConfirmationAllowed(q: Executor, confirmationId: ConfirmationId) {
  await q.run(
    `UPDATE agent_confirmations SET status = 'allowed', conn_info = x'' WHERE confirmation_id = ?`,
    [confirmationId],
  );
}

export async function pendingConfirmations(q: Executor): Promise<Confirmation[]> {
  const rows = await q.all(
    `SELECT * FROM agent_confirmations WHERE status = 'pending' ORDER BY created_at, rowid`,
  );
  return rows.map((r) => toConfirmation(parseRow(ConfirmationRow, r, 'agent_confirmations')));
}

// ---- contact requests ----

const RequestRow = z.object({
  invitation_id: z.string(),
  contact_conn_id: z.string(),
  conn_req: z.string(),
  conn_info: blob,
  status: z.enum(['pending', 'accepted']),
  accepted_conn_id: z.string().nullable(),
});

export interface ContactRequestRecord {
  readonly invitationId: InvitationId;
  readonly contactConnId: ConnId;
  /** The requester's invitation link. */
  readonly connReq: string;
  readonly connInfo: Uint8Array;
  readonly status: 'pending' | 'accepted';
  readonly acceptedConnId: ConnId | null;
}

function toRequest(r: z.output<typeof RequestRow>): ContactRequestRecord {
  return {
    invitationId: r.invitation_id,
    contactConnId: r.contact_conn_id,
    connReq: r.conn_req,
    connInfo: r.conn_info,
    status: r.status,
    acceptedConnId: r.accepted_conn_id,
  };
}

/** Stores a request; false when the same invitation was requested already (a resend). */
export async function insertContactRequest(
  q: Executor,
  r: {
    readonly invitationId: InvitationId;
    readonly contactConnId: ConnId;
    readonly connReq: string;
    readonly connReqHash: Uint8Array;
    readonly connInfo: Uint8Array;
  },
  now: string,
): Promise<boolean> {
  const { changes } = await q.run(
    `INSERT OR IGNORE INTO agent_contact_requests (invitation_id, contact_conn_id, conn_req,
       conn_req_hash, conn_info, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
    [r.invitationId, r.contactConnId, r.connReq, r.connReqHash, r.connInfo, now],
  );
  return changes > 0;
}

export async function getContactRequest(
  q: Executor,
  invitationId: InvitationId,
): Promise<ContactRequestRecord | undefined> {
  const row = await q.get(
    `SELECT invitation_id, contact_conn_id, conn_req, conn_info, status, accepted_conn_id
     FROM agent_contact_requests WHERE invitation_id = ?`,
    [invitationId],
  );
  return row ? toRequest(parseRow(RequestRow, row, 'agent_contact_requests')) : undefined;
}

export async function setContactRequestAccepted(
  q: Executor,
  invitationId: InvitationId,
  connId: ConnId,
): Promise<void> {
  await q.run(
    `UPDATE agent_contact_requests SET status = 'accepted', accepted_conn_id = ?, conn_info = x''
     WHERE invitation_id = ?`,
    [connId, invitationId],
  );
}

export async function deleteContactRequest(q: Executor, invitationId: InvitationId) {
  const { changes } = await q.run('DELETE FROM agent_contact_requests WHERE invitation_id = ?', [
    invitationId,
  ]);
  return changes > 0;
}

export async function pendingContactRequests(q: Executor): Promise<ContactRequestRecord[]> {
  const rows = await q.all(
    `SELECT invitation_id, contact_conn_id, conn_req, conn_info, status, accepted_conn_id
     FROM agent_contact_requests WHERE status = 'pending' ORDER BY created_at, rowid`,
  );
  return rows.map((r) => toRequest(parseRow(RequestRow, r, 'agent_contact_requests')));
}
