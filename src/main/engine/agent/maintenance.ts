// Periodic clean-up: skipped message keys past their TTL, and records of received messages old
// enough that no redelivery can still come (the server expires messages after 21 days by
// default), with any body an application never ACKed.
import type { AgentContext } from './context';
import { deleteRcvMessagesBefore } from './store/rcv-messages';
import { deleteSkippedKeysBefore } from './store/ratchets';

export const RCV_RECORD_TTL_MS = 30 * 24 * 3_600_000;
const SWEEP_INTERVAL_MS = 3_600_000;

export async function sweep(ctx: AgentContext): Promise<void> {
  const now = ctx.nowMs();
  const keys = await deleteSkippedKeysBefore(ctx.db, now - ctx.skippedKeys.ttlMs);
  const records = await deleteRcvMessagesBefore(ctx.db, now - RCV_RECORD_TTL_MS);
  // Connections' skipped keys in memory may include swept ones: reload them.
  if (keys > 0) ctx.hot.clear();
  if (keys + records > 0) ctx.log.info('agent store swept', { keys, records });
}

/** Sweeps now and then every hour until stop(). */
export function startSweeping(ctx: AgentContext): void {
  const loop = () => {
    ctx.background('agent sweep', () => sweep(ctx));
    ctx.timers.after(SWEEP_INTERVAL_MS, loop);
  };
  loop();
}
