// The first schema: the user's own profiles and the app settings.
//
// `user_profiles` are the local identities (SimpleX calls them users). Everything added later
// (contacts, groups, members, chat items) belongs to one of them and will reference
// `user_profile_id` with ON DELETE CASCADE; members and items will be paged from SQL, so those
// tables get (user_profile_id, chat, sort key) indexes when they arrive.
import type { Migration } from '../../../../node/sqlite';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE user_profiles (
        user_profile_id INTEGER PRIMARY KEY,
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        full_name TEXT NOT NULL DEFAULT '' CHECK (length(full_name) <= 200),
        image TEXT CHECK (image IS NULL OR image LIKE 'data:image/%'),
        active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- At most one profile is active at a time.
      CREATE UNIQUE INDEX user_profiles_one_active ON user_profiles (active) WHERE active = 1;

      -- App-wide settings, one JSON value per key, so a new setting needs no migration. Values
      -- are checked against the Settings schema when read.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `),
};
