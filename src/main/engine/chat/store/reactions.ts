// Reactions to chat items: who reacted with what.
import { z } from 'zod';
import type { Executor, Transaction } from '../../../../node/sqlite';
import { parseRow } from '../../store/rows';

export type Reactor = { kind: 'self' } | { kind: 'contact'; contactId: number };

function reactorKey(r: Reactor): [string, number] {
  return r.kind === 'self' ? ['self', 0] : ['contact', r.contactId];
}

const ReactionRow = z.object({
  item_id: z.number().int().positive(),
  emoji: z.string(),
  count: z.number().int().positive(),
  mine: z.number().int().nonnegative(),
});

export interface ReactionCount {
  readonly itemId: number;
  readonly emoji: string;
  readonly count: number;
  readonly mine: boolean;
}

/** Adds a reaction; false when this reactor had it already. */
export async function addReaction(
  tx: Transaction,
  itemId: number,
  reactor: Reactor,
  emoji: string,
  reactionJson: string,
  now: string,
): Promise<boolean> {
  const [kind, id] = reactorKey(reactor);
  const { changes } = await tx.run(
    `INSERT INTO chat_item_reactions (item_id, reactor_kind, reactor_id, emoji, reaction_json,
       created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [itemId, kind, id, emoji, reactionJson, now],
  );
  return changes === 1;
}

/** Removes a reaction; false when this reactor did not have it. */
export async function removeReaction(
  tx: Transaction,
  itemId: number,
  reactor: Reactor,
  emoji: string,
): Promise<boolean> {
  const [kind, id] = reactorKey(reactor);
  const { changes } = await tx.run(
    `DELETE FROM chat_item_reactions
     WHERE item_id = ? AND reactor_kind = ? AND reactor_id = ? AND emoji = ?`,
    [itemId, kind, id, emoji],
  );
  return changes === 1;
}

export async function hasReaction(
  q: Executor,
  itemId: number,
  reactor: Reactor,
  emoji: string,
): Promise<boolean> {
  const [kind, id] = reactorKey(reactor);
  const row = await q.get(
    `SELECT 1 AS found FROM chat_item_reactions
     WHERE item_id = ? AND reactor_kind = ? AND reactor_id = ? AND emoji = ?`,
    [itemId, kind, id, emoji],
  );
  return row !== undefined;
}

/** Reaction counts of the given items, in the order each emoji was first used. */
export async function reactionCounts(
  q: Executor,
  itemIds: readonly number[],
): Promise<ReactionCount[]> {
  if (itemIds.length === 0) return [];
  const rows = await q.all(
    `SELECT item_id, emoji, count(*) AS count, sum(reactor_kind = 'self') AS mine
     FROM chat_item_reactions WHERE item_id IN (${itemIds.map(() => '?').join(', ')})
     GROUP BY item_id, emoji ORDER BY item_id, min(created_at), emoji`,
    itemIds,
  );
  return rows.map((row) => {
    const r = parseRow(ReactionRow, row, 'chat_item_reactions');
    return { itemId: r.item_id, emoji: r.emoji, count: r.count, mine: r.mine > 0 };
  });
}

/** A merged duplicate's reactions become the surviving contact's. */
export async function moveContactReactions(
  tx: Transaction,
  fromContactId: number,
  toContactId: number,
): Promise<void> {
  await tx.run(
    `UPDATE OR IGNORE chat_item_reactions SET reactor_id = ?
     WHERE reactor_kind = 'contact' AND reactor_id = ?`,
    [toContactId, fromContactId],
  );
}
