// App settings as one JSON value per key. Reading merges the stored values over the defaults;
// a stored value this version cannot read (damaged, or written by a newer version with a new
// option) is skipped, reported, and left in place rather than overwritten.
import type { Executor, Transaction } from '../../../node/sqlite';
import { DEFAULT_SETTINGS, Settings, type SettingsUpdate } from '../../../shared/models/settings';

type SettingKey = keyof Settings;

function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(Settings.shape, key);
}

export interface StoredSettings {
  readonly settings: Settings;
  /** Keys whose stored value could not be read; their defaults are used instead. */
  readonly unreadable: readonly string[];
}

export async function readSettings(q: Executor): Promise<StoredSettings> {
  const rows = await q.all('SELECT key, value FROM settings');
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const unreadable: string[] = [];
  for (const { key, value } of rows) {
    if (typeof key !== 'string' || !isSettingKey(key)) continue; // a key from a newer version
    const parsed = Settings.shape[key].safeParse(
      typeof value === 'string' ? safeJson(value) : undefined,
    );
    if (parsed.success) settings[key] = parsed.data;
    else unreadable.push(key);
  }
  return { settings: Settings.parse(settings), unreadable };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Stores the keys present in `update` and returns the settings that result. */
export async function writeSettings(
  tx: Transaction,
  update: SettingsUpdate,
  now: string,
): Promise<StoredSettings> {
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined || !isSettingKey(key)) continue;
    await tx.run(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, JSON.stringify(value), now],
    );
  }
  return readSettings(tx);
}
