import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/main/engine/store';
import {
  createProfile,
  getActiveProfile,
  updateProfile,
} from '../../../../src/main/engine/store/profiles';
import { StoreDataError } from '../../../../src/main/engine/store';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

describe('profile repository', () => {
  it('creates, reads and updates the active profile', async () => {
    const db = await openStore(tempDir());
    expect(await getActiveProfile(db)).toBeNull();
    const created = await db.transaction((tx) =>
      createProfile(tx, { displayName: 'alice', fullName: 'Alice A.', image: null }, 't1'),
    );
    expect(created).toEqual({
      id: 1,
      displayName: 'alice',
      fullName: 'Alice A.',
      image: null,
      createdAt: 't1',
      updatedAt: 't1',
    });
    expect(await getActiveProfile(db)).toEqual(created);

    const updated = await db.transaction((tx) =>
      updateProfile(tx, 1, { fullName: '', image: 'data:image/png;base64,AAAA' }, 't2'),
    );
    expect(updated).toEqual({
      ...created,
      fullName: '',
      image: 'data:image/png;base64,AAAA',
      updatedAt: 't2',
    });
    // Fields left out stay; an explicit null clears the image.
    const cleared = await db.transaction((tx) => updateProfile(tx, 1, { image: null }, 't3'));
    expect(cleared).toMatchObject({ displayName: 'alice', fullName: '', image: null });
    expect(await db.transaction((tx) => updateProfile(tx, 99, { fullName: 'x' }, 't4'))).toBeNull();
    await db.close();
  });

  it('refuses a stored row of the wrong shape with StoreDataError', async () => {
    const db = await openStore(tempDir());
    // A file damaged outside the app: the active flag is fine but the id is not a positive integer.
    await db.run(
      "INSERT INTO user_profiles (user_profile_id, display_name, active, created_at, updated_at) VALUES (-5, 'x', 1, 't', 't')",
    );
    await expect(getActiveProfile(db)).rejects.toBeInstanceOf(StoreDataError);
    await db.close();
  });
});
