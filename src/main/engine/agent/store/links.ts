// Short links we own (with the root signing key) and invitation links we read with LKEY.
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import type { ConnId } from '../api';
import { parseRow } from '../../store/rows';
import { blob } from './columns';

const ShortLinkRow = z.object({
  conn_id: z.string(),
  short_link: z.string(),
  link_id: blob,
  link_key: blob,
  root_private_key: blob,
  enc_fixed_data: blob,
  user_data: blob,
});

export interface OwnShortLink {
  readonly connId: ConnId;
  readonly shortLink: string;
  readonly linkId: Uint8Array;
  readonly linkKey: Uint8Array;
  readonly rootPrivateKey: Uint8Array;
  readonly encFixedData: Uint8Array;
  /** Encoded ConnLinkData as last published. */
  readonly userData: Uint8Array;
}

export async function insertShortLink(q: Executor, l: OwnShortLink, now: string): Promise<void> {
  await q.run(
    `INSERT INTO agent_short_links (conn_id, short_link, link_id, link_key, root_private_key,
       enc_fixed_data, user_data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      l.connId,
      l.shortLink,
      l.linkId,
      l.linkKey,
      l.rootPrivateKey,
      l.encFixedData,
      l.userData,
      now,
      now,
    ],
  );
}

export async function getShortLink(q: Executor, connId: ConnId): Promise<OwnShortLink | undefined> {
  const row = await q.get(
    `SELECT conn_id, short_link, link_id, link_key, root_private_key, enc_fixed_data, user_data
     FROM agent_short_links WHERE conn_id = ?`,
    [connId],
  );
  if (!row) return undefined;
  const r = parseRow(ShortLinkRow, row, 'agent_short_links');
  return {
    connId: r.conn_id,
    shortLink: r.short_link,
    linkId: r.link_id,
    linkKey: r.link_key,
    rootPrivateKey: r.root_private_key,
    encFixedData: r.enc_fixed_data,
    userData: r.user_data,
  };
}

export async function setShortLinkUserData(
  q: Executor,
  connId: ConnId,
  userData: Uint8Array,
  now: string,
): Promise<void> {
  await q.run('UPDATE agent_short_links SET user_data = ?, updated_at = ? WHERE conn_id = ?', [
    userData,
    now,
    connId,
  ]);
}

// ---- invitation links read with LKEY ----

export async function getLinkReadKey(
  q: Executor,
  linkId: Uint8Array,
): Promise<Uint8Array | undefined> {
  const row = await q.get('SELECT sender_key FROM agent_link_reads WHERE link_id = ?', [linkId]);
  return row
    ? parseRow(z.object({ sender_key: blob }), row, 'agent_link_reads').sender_key
    : undefined;
}

export async function insertLinkReadKey(
  q: Executor,
  linkId: Uint8Array,
  senderKey: Uint8Array,
  now: string,
): Promise<void> {
  await q.run(
    'INSERT OR IGNORE INTO agent_link_reads (link_id, sender_key, created_at) VALUES (?, ?, ?)',
    [linkId, senderKey, now],
  );
}

export async function deleteLinkReadKey(q: Executor, linkId: Uint8Array): Promise<void> {
  await q.run('DELETE FROM agent_link_reads WHERE link_id = ?', [linkId]);
}
