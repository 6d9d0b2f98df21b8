// Which agent message carried which item over which connection, and how far it got.
import { z } from 'zod';
import type { Executor, Transaction } from '../../../../node/sqlite';
import { parseRow } from '../../store/rows';

export type DeliveryStatus = 'sending' | 'sent' | 'delivered' | 'error';

const DeliveryRow = z.object({
  item_id: z.number().int().positive(),
  status: z.enum(['sending', 'sent', 'delivered', 'error']),
});

export interface Delivery {
  readonly itemId: number;
  readonly status: DeliveryStatus;
}

export async function insertDelivery(
  tx: Transaction,
  connId: string,
  agentMsgId: number,
  itemId: number,
): Promise<void> {
  await tx.run(
    `INSERT INTO chat_item_deliveries (agent_conn_id, agent_msg_id, item_id, status)
     VALUES (?, ?, ?, 'sending')`,
    [connId, agentMsgId, itemId],
  );
}

export async function getDelivery(
  q: Executor,
  connId: string,
  agentMsgId: number,
): Promise<Delivery | null> {
  const row = await q.get(
    'SELECT item_id, status FROM chat_item_deliveries WHERE agent_conn_id = ? AND agent_msg_id = ?',
    [connId, agentMsgId],
  );
  if (!row) return null;
  const r = parseRow(DeliveryRow, row, 'chat_item_deliveries');
  return { itemId: r.item_id, status: r.status };
}

export async function setDeliveryStatus(
  tx: Transaction,
  connId: string,
  agentMsgId: number,
  status: DeliveryStatus,
  error: string | null,
): Promise<void> {
  await tx.run(
    `UPDATE chat_item_deliveries SET status = ?, error = ?
     WHERE agent_conn_id = ? AND agent_msg_id = ?`,
    [status, error, connId, agentMsgId],
  );
}
