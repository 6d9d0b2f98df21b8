// The user's own profiles. Functions take an Executor (the database or a transaction) so a
// feature can combine them with other writes in one transaction.
import { z } from 'zod';
import type { Executor, Transaction } from '../../../node/sqlite';
import type { NewProfile, ProfileUpdate, ProfileView } from '../../../shared/models/profile';
import { parseRow } from './rows';

const ProfileRow = z.object({
  user_profile_id: z.number().int().positive(),
  display_name: z.string(),
  full_name: z.string(),
  image: z.string().nullable(),
  active: z.union([z.literal(0), z.literal(1)]),
  created_at: z.string(),
  updated_at: z.string(),
});

function toView(row: z.output<typeof ProfileRow>): ProfileView {
  return {
    id: row.user_profile_id,
    displayName: row.display_name,
    fullName: row.full_name,
    image: row.image,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getProfile(q: Executor, id: number): Promise<ProfileView | null> {
  const row = await q.get('SELECT * FROM user_profiles WHERE user_profile_id = ?', [id]);
  return row ? toView(parseRow(ProfileRow, row, 'user_profiles')) : null;
}

export async function getActiveProfile(q: Executor): Promise<ProfileView | null> {
  const row = await q.get('SELECT * FROM user_profiles WHERE active = 1');
  return row ? toView(parseRow(ProfileRow, row, 'user_profiles')) : null;
}

/** Creates the active profile (the unique index refuses a second active one). */
export async function createProfile(
  tx: Transaction,
  profile: NewProfile,
  now: string,
): Promise<ProfileView> {
  const { lastId } = await tx.run(
    `INSERT INTO user_profiles (display_name, full_name, image, active, created_at, updated_at)
     VALUES (?, ?, ?, 1, ?, ?)`,
    [profile.displayName, profile.fullName, profile.image, now, now],
  );
  const created = await getProfile(tx, lastId);
  if (!created) throw new Error('the inserted profile could not be read back');
  return created;
}

/** Applies the fields present in `update`; returns null when there is no such profile. */
export async function updateProfile(
  tx: Transaction,
  id: number,
  update: ProfileUpdate,
  now: string,
): Promise<ProfileView | null> {
  const current = await getProfile(tx, id);
  if (!current) return null;
  await tx.run(
    `UPDATE user_profiles SET display_name = ?, full_name = ?, image = ?, updated_at = ?
     WHERE user_profile_id = ?`,
    [
      update.displayName ?? current.displayName,
      update.fullName ?? current.fullName,
      update.image === undefined ? current.image : update.image,
      now,
      id,
    ],
  );
  return getProfile(tx, id);
}
