// Probes we sent and probes (or their hashes) we received.
import { z } from 'zod';
import type { Executor, Transaction } from '../../../../node/sqlite';
import { parseRow } from '../../store/rows';

const SentRow = z.object({
  sent_probe_id: z.number().int().positive(),
  contact_id: z.number().int().positive().nullable(),
});

const ReceivedRow = z.object({
  contact_id: z.number().int().positive().nullable(),
  probe: z
    .instanceof(Buffer)
    .transform((b) => new Uint8Array(b))
    .nullable(),
});

export async function insertSentProbe(
  tx: Transaction,
  userProfileId: number,
  contactId: number,
  probe: Uint8Array,
  now: string,
): Promise<number> {
  const { lastId } = await tx.run(
    `INSERT INTO sent_probes (user_profile_id, contact_id, probe, created_at)
     VALUES (?, ?, ?, ?)`,
    [userProfileId, contactId, probe, now],
  );
  return lastId;
}

export async function insertSentProbeHash(
  tx: Transaction,
  sentProbeId: number,
  contactId: number,
  now: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO sent_probe_hashes (sent_probe_id, contact_id, created_at) VALUES (?, ?, ?)
     ON CONFLICT DO NOTHING`,
    [sentProbeId, contactId, now],
  );
}

/**
 * A probe.ok from `okFrom` names a probe we sent: the contact the probe went to, if its hash
 * went to `okFrom` (so `okFrom` saw both sides and proved to be the same person).
 */
export async function probedContactFor(
  q: Executor,
  userProfileId: number,
  probe: Uint8Array,
  okFrom: number,
): Promise<number | null> {
  const row = await q.get(
    `SELECT p.sent_probe_id, p.contact_id FROM sent_probes p
     JOIN sent_probe_hashes h ON h.sent_probe_id = p.sent_probe_id
     WHERE p.user_profile_id = ? AND p.probe = ? AND h.contact_id = ?`,
    [userProfileId, probe, okFrom],
  );
  return row ? parseRow(SentRow, row, 'sent_probes').contact_id : null;
}

export async function insertReceivedProbe(
  tx: Transaction,
  userProfileId: number,
  contactId: number,
  probe: Uint8Array | null,
  probeHash: Uint8Array,
  now: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO received_probes (user_profile_id, contact_id, probe, probe_hash, created_at)
     VALUES (?, ?, ?, ?, ?)`,
    [userProfileId, contactId, probe, probeHash, now],
  );
}

/** Received probes or hashes with this hash from contacts other than `exceptContact`. */
export async function receivedWithHash(
  q: Executor,
  userProfileId: number,
  probeHash: Uint8Array,
  exceptContact: number,
): Promise<{ contactId: number; probe: Uint8Array | null }[]> {
  const rows = await q.all(
    `SELECT contact_id, probe FROM received_probes
     WHERE user_profile_id = ? AND probe_hash = ? AND contact_id IS NOT ?
     ORDER BY received_probe_id`,
    [userProfileId, probeHash, exceptContact],
  );
  return rows.flatMap((row) => {
    const r = parseRow(ReceivedRow, row, 'received_probes');
    return r.contact_id === null ? [] : [{ contactId: r.contact_id, probe: r.probe }];
  });
}
