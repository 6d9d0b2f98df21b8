// The user's contact address (one per profile).
import { z } from 'zod';
import type { Executor, Transaction } from '../../../../node/sqlite';
import { parseRow } from '../../store/rows';

const AddressRow = z.object({
  user_profile_id: z.number().int().positive(),
  agent_conn_id: z.string(),
  link: z.string(),
  short_link: z.string().nullable(),
  auto_accept: z.union([z.literal(0), z.literal(1)]),
  created_at: z.string(),
});

export interface Address {
  readonly userProfileId: number;
  readonly connId: string;
  readonly link: string;
  readonly shortLink: string | null;
  readonly autoAccept: boolean;
  readonly createdAt: string;
}

const COLUMNS = 'user_profile_id, agent_conn_id, link, short_link, auto_accept, created_at';

function toAddress(row: z.output<typeof AddressRow>): Address {
  return {
    userProfileId: row.user_profile_id,
    connId: row.agent_conn_id,
    link: row.link,
    shortLink: row.short_link,
    autoAccept: row.auto_accept === 1,
    createdAt: row.created_at,
  };
}

export async function getAddress(q: Executor, userProfileId: number): Promise<Address | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM user_addresses WHERE user_profile_id = ?`, [
    userProfileId,
  ]);
  return row ? toAddress(parseRow(AddressRow, row, 'user_addresses')) : null;
}

export async function addressByConn(q: Executor, connId: string): Promise<Address | null> {
  const row = await q.get(`SELECT ${COLUMNS} FROM user_addresses WHERE agent_conn_id = ?`, [
    connId,
  ]);
  return row ? toAddress(parseRow(AddressRow, row, 'user_addresses')) : null;
}

export async function insertAddress(
  tx: Transaction,
  a: Omit<Address, 'createdAt'>,
  now: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO user_addresses (user_profile_id, agent_conn_id, link, short_link, auto_accept,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [a.userProfileId, a.connId, a.link, a.shortLink, a.autoAccept ? 1 : 0, now, now],
  );
}

export async function setAutoAccept(
  tx: Transaction,
  userProfileId: number,
  autoAccept: boolean,
  now: string,
): Promise<void> {
  await tx.run(
    'UPDATE user_addresses SET auto_accept = ?, updated_at = ? WHERE user_profile_id = ?',
    [autoAccept ? 1 : 0, now, userProfileId],
  );
}

export async function deleteAddressRow(tx: Transaction, userProfileId: number): Promise<void> {
  await tx.run('DELETE FROM user_addresses WHERE user_profile_id = ?', [userProfileId]);
}
