// Contact deduplication probes (chat-protocol.md §7.7).
//
// We send a fresh probe to a newly connected contact and its hash to each existing contact with
// the same profile; a peer that received both proves it is one person by answering probe.ok over
// the old connection. Received probes and hashes are kept so the match works in either order.
// Rows name contacts now; group members join with a `group_member_id` column of their own.
import type { Migration } from '../../../../node/sqlite';

export const migration0007: Migration = {
  version: 7,
  name: 'chat probes',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE sent_probes (
        sent_probe_id INTEGER PRIMARY KEY,
        user_profile_id INTEGER NOT NULL REFERENCES user_profiles ON DELETE CASCADE,
        -- The new contact the probe itself went to.
        contact_id INTEGER REFERENCES contacts ON DELETE CASCADE,
        -- upstream's form: the base64 text of 32 random bytes, hashed as that text.
        probe BLOB NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;

      -- The existing contacts the probe's hash went to.
      CREATE TABLE sent_probe_hashes (
        sent_probe_id INTEGER NOT NULL REFERENCES sent_probes ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (sent_probe_id, contact_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE received_probes (
        received_probe_id INTEGER PRIMARY KEY,
        user_profile_id INTEGER NOT NULL REFERENCES user_profiles ON DELETE CASCADE,
        contact_id INTEGER REFERENCES contacts ON DELETE CASCADE,
        -- NULL when only the hash arrived (x.info.probe.check).
        probe BLOB,
        probe_hash BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX received_probes_hash ON received_probes (user_profile_id, probe_hash);
      CREATE INDEX received_probes_contact ON received_probes (contact_id);
      CREATE INDEX sent_probe_hashes_contact ON sent_probe_hashes (contact_id);
    `),
};
