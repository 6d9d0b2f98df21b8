// Connections the chat layer is done with and deletes through the agent: at once, or after the
// last message it had to deliver on them was sent. Listed first, so a restart finishes the job.
import { z } from 'zod';
import type { Executor, Transaction } from '../../../../node/sqlite';
import { parseRow } from '../../store/rows';

const DeletionRow = z.object({
  agent_conn_id: z.string(),
  wait_agent_msg_id: z.number().int().positive().nullable(),
});

export interface ConnDeletion {
  readonly connId: string;
  /** Delete once this message was sent (or failed); null: at once. */
  readonly waitMsgId: number | null;
}

export async function scheduleConnDeletion(
  tx: Transaction,
  connId: string,
  waitMsgId: number | null,
  now: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO chat_conn_deletions (agent_conn_id, wait_agent_msg_id, created_at)
     VALUES (?, ?, ?) ON CONFLICT (agent_conn_id) DO NOTHING`,
    [connId, waitMsgId, now],
  );
}

export async function connDeletion(q: Executor, connId: string): Promise<ConnDeletion | null> {
  const row = await q.get(
    'SELECT agent_conn_id, wait_agent_msg_id FROM chat_conn_deletions WHERE agent_conn_id = ?',
    [connId],
  );
  if (!row) return null;
  const r = parseRow(DeletionRow, row, 'chat_conn_deletions');
  return { connId: r.agent_conn_id, waitMsgId: r.wait_agent_msg_id };
}

export async function listConnDeletions(q: Executor): Promise<ConnDeletion[]> {
  const rows = await q.all('SELECT agent_conn_id, wait_agent_msg_id FROM chat_conn_deletions');
  return rows.map((row) => {
    const r = parseRow(DeletionRow, row, 'chat_conn_deletions');
    return { connId: r.agent_conn_id, waitMsgId: r.wait_agent_msg_id };
  });
}

export async function removeConnDeletion(q: Executor, connId: string): Promise<void> {
  await q.run('DELETE FROM chat_conn_deletions WHERE agent_conn_id = ?', [connId]);
}
