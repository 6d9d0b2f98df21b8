import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/main/engine/store';
import { readSettings, writeSettings } from '../../../../src/main/engine/store/settings';
import { DEFAULT_SETTINGS } from '../../../../src/shared/models/settings';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('settings repository', () => {
  it('returns the defaults until something is stored, then merges stored values', async () => {
    const db = await openStore(tempDir());
    expect(await readSettings(db)).toEqual({ settings: DEFAULT_SETTINGS, unreadable: [] });
    const written = await db.transaction((tx) =>
      writeSettings(tx, { theme: 'dark', notificationPreview: 'none' }, 't1'),
    );
    expect(written.settings).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      notificationPreview: 'none',
    });
    await db.transaction((tx) => writeSettings(tx, { theme: 'light' }, 't2'));
    expect((await readSettings(db)).settings).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'light',
      notificationPreview: 'none',
    });
    expect((await db.all('SELECT key FROM settings ORDER BY key')).map((r) => r.key)).toEqual([
      'notificationPreview',
      'theme',
    ]);
    await db.close();
  });

  it('uses the default for a value it cannot read, reports it, and keeps the stored value', async () => {
    const db = await openStore(tempDir());
    await db.run(
      "INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"sepia\"', 't'), ('futureOption', '1', 't')",
    );
    const read = await readSettings(db);
    expect(read).toEqual({ settings: DEFAULT_SETTINGS, unreadable: ['theme'] });
    expect((await db.get("SELECT value FROM settings WHERE key = 'theme'"))?.value).toBe('"sepia"');
    await db.close();
  });
});
