// Contact requests that arrived through the user's address.
import { z } from 'zod';
import type { Executor, Row, SqlValue, Transaction } from '../../../../node/sqlite';
import type { VersionRange } from '../../../../protocol/chat';
import { parseRow } from '../../store/rows';
import type { PeerProfile } from '../profiles';

const RequestRow = z.object({
  contact_request_id: z.number().int().positive(),
  user_profile_id: z.number().int().positive(),
  agent_invitation_id: z.string(),
  display_name: z.string(),
  full_name: z.string(),
  image: z.string().nullable(),
  profile_json: z.string(),
  chat_vmin: z.number().int(),
  chat_vmax: z.number().int(),
  accepting: z.union([z.literal(0), z.literal(1)]),
  received_at: z.string(),
});

export interface ContactRequest {
  readonly id: number;
  readonly userProfileId: number;
  readonly invitationId: string;
  readonly profile: PeerProfile;
  readonly chatVersion: VersionRange;
  readonly accepting: boolean;
  readonly receivedAt: string;
}

const COLUMNS = `contact_request_id, user_profile_id, agent_invitation_id, display_name, full_name,
  image, profile_json, chat_vmin, chat_vmax, accepting, received_at`;

function toRequest(row: Row): ContactRequest {
  const r = parseRow(RequestRow, row, 'contact_requests');
  return {
    id: r.contact_request_id,
    userProfileId: r.user_profile_id,
    invitationId: r.agent_invitation_id,
    profile: {
      displayName: r.display_name,
      fullName: r.full_name,
      image: r.image,
      json: r.profile_json,
    },
    chatVersion: { min: r.chat_vmin, max: r.chat_vmax },
    accepting: r.accepting === 1,
    receivedAt: r.received_at,
  };
}

export interface NewRequest {
  readonly userProfileId: number;
  readonly invitationId: string;
  readonly contactReqId: Uint8Array | null;
  readonly profile: PeerProfile;
  readonly chatVersion: VersionRange;
}

/** The values of display_name, full_name, image, profile_json, chat_vmin, chat_vmax. */
function profileValues(r: NewRequest): SqlValue[] {
  const { profile, chatVersion } = r;
  return [
    profile.displayName,
    profile.fullName,
    profile.image,
    profile.json,
    chatVersion.min,
    chatVersion.max,
  ];
}

export async function insertRequest(tx: Transaction, r: NewRequest, now: string): Promise<number> {
  const { lastId } = await tx.run(
    `INSERT INTO contact_requests (user_profile_id, agent_invitation_id, contact_req_id,
       display_name, full_name, image, profile_json, chat_vmin, chat_vmax, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.userProfileId, r.invitationId, r.contactReqId, ...profileValues(r), now],
  );
  return lastId;
}

/** A repeated request replaces the earlier one: new agent invitation, profile and time. */
export async function replaceRequest(
  tx: Transaction,
  id: number,
  r: NewRequest,
  now: string,
): Promise<void> {
  await tx.run(
    `UPDATE contact_requests SET agent_invitation_id = ?, display_name = ?, full_name = ?,
       image = ?, profile_json = ?, chat_vmin = ?, chat_vmax = ?, received_at = ?
     WHERE contact_request_id = ?`,
    [r.invitationId, ...profileValues(r), now, id],
  );
}

async function requestWhere(
  q: Executor,
  where: string,
  params: readonly SqlValue[],
): Promise<ContactRequest | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM contact_requests WHERE ${where}`, params);
  return row ? toRequest(row) : null;
}

export function getRequest(q: Executor, id: number): Promise<ContactRequest | null> {
  return requestWhere(q, 'contact_request_id = ?', [id]);
}

export function requestByInvitation(
  q: Executor,
  invitationId: string,
): Promise<ContactRequest | null> {
  return requestWhere(q, 'agent_invitation_id = ?', [invitationId]);
}

export function requestByReqId(
  q: Executor,
  userProfileId: number,
  contactReqId: Uint8Array,
): Promise<ContactRequest | null> {
  return requestWhere(q, 'user_profile_id = ? AND contact_req_id = ?', [
    userProfileId,
    contactReqId,
  ]);
}

/** Pending requests, oldest first. */
export async function listRequests(
  q: Executor,
  userProfileId: number,
  filter: 'pending' | 'accepting',
): Promise<ContactRequest[]> {
  const rows = await q.all(
    `SELECT ${COLUMNS} FROM contact_requests WHERE user_profile_id = ? AND accepting = ?
     ORDER BY received_at, contact_request_id`,
    [userProfileId, filter === 'accepting' ? 1 : 0],
  );
  return rows.map(toRequest);
}

export async function markAccepting(tx: Transaction, id: number): Promise<void> {
  await tx.run('UPDATE contact_requests SET accepting = 1 WHERE contact_request_id = ?', [id]);
}

export async function deleteRequestRow(tx: Transaction, id: number): Promise<void> {
  await tx.run('DELETE FROM contact_requests WHERE contact_request_id = ?', [id]);
}

/** Every request of a profile (the address is being deleted); returns their ids. */
export async function deleteAllRequests(
  tx: Transaction,
  userProfileId: number,
): Promise<ContactRequest[]> {
  const rows = await tx.all(`SELECT ${COLUMNS} FROM contact_requests WHERE user_profile_id = ?`, [
    userProfileId,
  ]);
  await tx.run('DELETE FROM contact_requests WHERE user_profile_id = ?', [userProfileId]);
  return rows.map(toRequest);
}
