// Contacts: the rows, their lookups by connection (following merges) and the probe candidates.
import { z } from 'zod';
import type { Executor, Row, Transaction } from '../../../../node/sqlite';
import type { VersionRange } from '../../../../protocol/chat';
import type { ContactStatus, ContactView } from '../../../../shared/models/contacts';
import { parseRow } from '../../store/rows';
import type { PeerProfile, ProfileIdentity } from '../profiles';

/** What the status column holds; 'failed' is a connecting contact with a connection error. */
export type StoredContactStatus = Exclude<ContactStatus, 'failed'> | 'merged';
export type ContactVia = ContactView['via'];

const ContactRow = z.object({
  contact_id: z.number().int().positive(),
  user_profile_id: z.number().int().positive(),
  display_name: z.string(),
  full_name: z.string(),
  image: z.string().nullable(),
  agent_conn_id: z.string().nullable(),
  status: z.enum(['connecting', 'active', 'deleted', 'merged']),
  via: z.enum(['address', 'invitation', 'request', 'group']),
  send_probes: z.union([z.literal(0), z.literal(1)]),
  chat_vmin: z.number().int(),
  chat_vmax: z.number().int(),
  merged_into: z.number().int().positive().nullable(),
  conn_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export interface Contact {
  readonly id: number;
  readonly userProfileId: number;
  readonly displayName: string;
  readonly fullName: string;
  readonly image: string | null;
  readonly connId: string | null;
  readonly status: StoredContactStatus;
  readonly via: ContactVia;
  readonly sendProbes: boolean;
  readonly chatVersion: VersionRange;
  readonly mergedInto: number | null;
  /** Why the connection could not be made (the agent's error code); null while it can. */
  readonly connError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function toContact(row: Row): Contact {
  const r = parseRow(ContactRow, row, 'contacts');
  return {
    id: r.contact_id,
    userProfileId: r.user_profile_id,
    displayName: r.display_name,
    fullName: r.full_name,
    image: r.image,
    connId: r.agent_conn_id,
    status: r.status,
    via: r.via,
    sendProbes: r.send_probes === 1,
    chatVersion: { min: r.chat_vmin, max: r.chat_vmax },
    mergedInto: r.merged_into,
    connError: r.conn_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const COLUMN_NAMES = Object.keys(ContactRow.shape);
const COLUMNS = COLUMN_NAMES.join(', ');

export interface NewContact {
  readonly userProfileId: number;
  /** Null while the peer's profile is unknown (joining an invitation without link data). */
  readonly profile: PeerProfile | null;
  readonly connId: string;
  readonly via: ContactVia;
  readonly sendProbes: boolean;
  readonly chatVersion?: VersionRange | undefined;
}

export async function insertContact(tx: Transaction, c: NewContact, now: string): Promise<number> {
  const { lastId } = await tx.run(
    `INSERT INTO contacts (user_profile_id, display_name, full_name, image, profile_json,
       agent_conn_id, status, via, send_probes, chat_vmin, chat_vmax, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'connecting', ?, ?, ?, ?, ?, ?)`,
    [
      c.userProfileId,
      c.profile?.displayName ?? '',
      c.profile?.fullName ?? '',
      c.profile?.image ?? null,
      c.profile?.json ?? null,
      c.connId,
      c.via,
      c.sendProbes ? 1 : 0,
      c.chatVersion?.min ?? 1,
      c.chatVersion?.max ?? 1,
      now,
      now,
    ],
  );
  return lastId;
}

export async function getContact(q: Executor, id: number): Promise<Contact | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM contacts WHERE contact_id = ?`, [id]);
  return row ? toContact(row) : null;
}

/** The contact a connection belongs to, as stored (a merged duplicate is returned as such). */
export async function contactOfConn(q: Executor, connId: string): Promise<Contact | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM contacts WHERE agent_conn_id = ?`, [connId]);
  return row ? toContact(row) : null;
}

/**
 * The contact that messages on this connection are for: the contact itself, or the one a
 * duplicate was merged into (merges are flattened, so one step is enough).
 */
export async function effectiveContactOfConn(q: Executor, connId: string): Promise<Contact | null> {
  const own = await contactOfConn(q, connId);
  if (own?.mergedInto == null) return own;
  return getContact(q, own.mergedInto);
}

/** The contacts the user sees: not merged away. */
export async function listContacts(q: Executor, userProfileId: number): Promise<Contact[]> {
  const rows = await q.all(
    `SELECT ${COLUMNS} FROM contacts WHERE user_profile_id = ? AND status != 'merged'
     ORDER BY contact_id`,
    [userProfileId],
  );
  return rows.map(toContact);
}

/** Active contacts with the same profile as `identity`, other than `exceptId`: probe targets. */
export async function contactsWithIdentity(
  q: Executor,
  userProfileId: number,
  identity: ProfileIdentity,
  exceptId: number,
): Promise<Contact[]> {
  const rows = await q.all(
    `SELECT ${COLUMNS} FROM contacts
     WHERE user_profile_id = ? AND display_name = ? AND full_name = ? AND image IS ?
       AND status = 'active' AND contact_id != ?
     ORDER BY contact_id`,
    [userProfileId, identity.displayName, identity.fullName, identity.image, exceptId],
  );
  return rows.map(toContact);
}

/** The contacts merged into `id` (their connections still deliver to it). */
export async function mergedContacts(q: Executor, id: number): Promise<Contact[]> {
  const rows = await q.all(`SELECT ${COLUMNS} FROM contacts WHERE merged_into = ?`, [id]);
  return rows.map(toContact);
}

export async function updateContactProfile(
  tx: Transaction,
  id: number,
  profile: PeerProfile,
  now: string,
): Promise<void> {
  await tx.run(
    `UPDATE contacts SET display_name = ?, full_name = ?, image = ?, profile_json = ?,
       updated_at = ? WHERE contact_id = ?`,
    [profile.displayName, profile.fullName, profile.image, profile.json, now, id],
  );
}

export async function updateContactVersion(
  tx: Transaction,
  id: number,
  version: VersionRange,
): Promise<void> {
  await tx.run('UPDATE contacts SET chat_vmin = ?, chat_vmax = ? WHERE contact_id = ?', [
    version.min,
    version.max,
    id,
  ]);
}

export async function setContactStatus(
  tx: Transaction,
  id: number,
  status: Exclude<StoredContactStatus, 'merged'>,
  now: string,
): Promise<void> {
  await tx.run('UPDATE contacts SET status = ?, updated_at = ? WHERE contact_id = ?', [
    status,
    now,
    id,
  ]);
}

/** The connection could not be made: `error` is the agent's code. */
export async function setContactConnError(
  tx: Transaction,
  id: number,
  error: string,
  now: string,
): Promise<void> {
  await tx.run('UPDATE contacts SET conn_error = ?, updated_at = ? WHERE contact_id = ?', [
    error,
    now,
    id,
  ]);
}

/** The peer deleted us: history stays, the connections (its own and its duplicates') go. */
export async function markContactDeleted(tx: Transaction, id: number, now: string): Promise<void> {
  await tx.run(
    `UPDATE contacts SET status = 'deleted', agent_conn_id = NULL, updated_at = ?
     WHERE contact_id = ?`,
    [now, id],
  );
  await tx.run('UPDATE contacts SET agent_conn_id = NULL WHERE merged_into = ?', [id]);
}

/**
 * Marks `fromId` as a duplicate of `toId`. Its connection stays on the row and keeps delivering
 * to `toId`; contacts merged into `fromId` earlier are re-pointed, so merges stay one step deep.
 */
export async function markContactMerged(
  tx: Transaction,
  fromId: number,
  toId: number,
  now: string,
): Promise<void> {
  await tx.run(
    `UPDATE contacts SET status = 'merged', merged_into = ?, send_probes = 0, updated_at = ?
     WHERE contact_id = ?`,
    [toId, now, fromId],
  );
  await tx.run('UPDATE contacts SET merged_into = ?, updated_at = ? WHERE merged_into = ?', [
    toId,
    now,
    fromId,
  ]);
}

export async function deleteContactRow(tx: Transaction, id: number): Promise<void> {
  await tx.run('DELETE FROM contacts WHERE contact_id = ?', [id]);
}

/**
 * The receive path's lookup: the contact that messages on this connection are for (following a
 * merge) and its chat, in one query.
 */
export async function receiverOfConn(
  q: Executor,
  connId: string,
): Promise<{ contact: Contact; chatRowId: number | null } | null> {
  const row = await q.get(
    `SELECT ${COLUMN_NAMES.map((c) => `c.${c}`).join(', ')}, ch.chat_id AS receiver_chat_id
     FROM contacts own
     JOIN contacts c ON c.contact_id = coalesce(own.merged_into, own.contact_id)
     LEFT JOIN chats ch ON ch.contact_id = c.contact_id
     WHERE own.agent_conn_id = ?`,
    [connId],
  );
  if (!row) return null;
  const chatRowId = row.receiver_chat_id;
  return { contact: toContact(row), chatRowId: typeof chatRowId === 'number' ? chatRowId : null };
}
