// The SMP server settings, kept as one JSON value in the settings table under a key of ours
// (the app settings ignore keys they do not know).
import { z } from 'zod';
import type { Executor, Transaction } from '../../../../node/sqlite';

const KEY = 'chat.smpServers';

export const ServerSettings = z.object({
  useEmbedded: z.boolean(),
  custom: z.array(z.string()),
});
export type ServerSettings = z.infer<typeof ServerSettings>;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { useEmbedded: true, custom: [] };

/** The stored settings, or the defaults when none (or unreadable ones) are stored. */
export async function readServerSettings(q: Executor): Promise<ServerSettings> {
  const row = await q.get('SELECT value FROM settings WHERE key = ?', [KEY]);
  if (typeof row?.value !== 'string') return DEFAULT_SERVER_SETTINGS;
  try {
    const parsed = ServerSettings.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_SERVER_SETTINGS;
  } catch {
    return DEFAULT_SERVER_SETTINGS;
  }
}

export async function writeServerSettings(
  tx: Transaction,
  settings: ServerSettings,
  now: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [KEY, JSON.stringify(settings), now],
  );
}
