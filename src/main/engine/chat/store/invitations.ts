// One-time invitations we created and nobody has used yet.
import { z } from 'zod';
import type { Executor, Transaction } from '../../../../node/sqlite';
import { parseRow } from '../../store/rows';

const InvitationRow = z.object({
  invitation_id: z.number().int().positive(),
  user_profile_id: z.number().int().positive(),
  agent_conn_id: z.string(),
  link: z.string(),
  short_link: z.string().nullable(),
  created_at: z.string(),
});

export interface Invitation {
  readonly id: number;
  readonly userProfileId: number;
  readonly connId: string;
  readonly link: string;
  readonly shortLink: string | null;
  readonly createdAt: string;
}

const COLUMNS = 'invitation_id, user_profile_id, agent_conn_id, link, short_link, created_at';

function toInvitation(row: z.output<typeof InvitationRow>): Invitation {
  return {
    id: row.invitation_id,
    userProfileId: row.user_profile_id,
    connId: row.agent_conn_id,
    link: row.link,
    shortLink: row.short_link,
    createdAt: row.created_at,
  };
}

export async function insertInvitation(
  tx: Transaction,
  i: Omit<Invitation, 'id' | 'createdAt'>,
  now: string,
): Promise<Invitation> {
  const { lastId } = await tx.run(
    `INSERT INTO invitations (user_profile_id, agent_conn_id, link, short_link, created_at)
     VALUES (?, ?, ?, ?, ?)`,
    [i.userProfileId, i.connId, i.link, i.shortLink, now],
  );
  return { ...i, id: lastId, createdAt: now };
}

export async function invitationByConn(q: Executor, connId: string): Promise<Invitation | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM invitations WHERE agent_conn_id = ?`, [connId]);
  return row ? toInvitation(parseRow(InvitationRow, row, 'invitations')) : null;
}

export async function deleteInvitationRow(tx: Transaction, id: number): Promise<void> {
  await tx.run('DELETE FROM invitations WHERE invitation_id = ?', [id]);
}

/** Whether one of `links` is an invitation of ours (full or short form). */
export async function isOwnInvitationLink(
  q: Executor,
  userProfileId: number,
  links: readonly string[],
): Promise<boolean> {
  if (links.length === 0) return false;
  const marks = links.map(() => '?').join(', ');
  const row = await q.get(
    `SELECT 1 AS found FROM invitations WHERE user_profile_id = ?
     AND (link IN (${marks}) OR short_link IN (${marks})) LIMIT 1`,
    [userProfileId, ...links, ...links],
  );
  return row !== undefined;
}
