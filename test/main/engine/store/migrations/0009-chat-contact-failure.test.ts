import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../../src/main/engine/store/migrations';
import { migration0009 } from '../../../../../src/main/engine/store/migrations/0009-chat-contact-failure';
import { useTempDirs } from '../../../../support/temp-dir';
import { insertContact, insertProfile, migratedTo } from './chat-support';

const tempDir = useTempDirs();

describe('migration 0009-chat-contact-failure', () => {
  it('is the ninth migration', () => {
    expect(migrations[8]).toBe(migration0009);
  });

  it('gives existing contacts no connection error, and keeps one once set', async () => {
    const dir = tempDir();
    const before = await migratedTo(dir, 8);
    const user = await insertProfile(before);
    const contact = await insertContact(before, user, 'conn-1', { status: 'connecting' });
    await before.close();

    const db = await migratedTo(dir, 9);
    expect(await db.userVersion()).toBe(9);
    const connError = () =>
      db.get('SELECT status, conn_error FROM contacts WHERE contact_id = ?', [contact]);
    expect(await connError()).toEqual({ status: 'connecting', conn_error: null });
    await db.run('UPDATE contacts SET conn_error = ? WHERE contact_id = ?', ['AUTH', contact]);
    expect(await connError()).toEqual({ status: 'connecting', conn_error: 'AUTH' });
    await db.close();
  });
});
