// Short links of the SMP agent (smp-agent.md §4): the owner's side of each link we created
// (link id and key, root signing key, the encrypted fixed blob that LSET must repeat unchanged,
// the current user data) and, for invitation links we read, the key LKEY secured the queue with,
// kept for joining.
import type { Migration } from '../../../../node/sqlite';

export const migration0004: Migration = {
  version: 4,
  name: 'agent short links',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE agent_short_links (
        conn_id TEXT PRIMARY KEY REFERENCES agent_connections ON DELETE CASCADE,
        short_link TEXT NOT NULL,
        link_id BLOB NOT NULL,
        link_key BLOB NOT NULL,
        -- Ed25519 private key (64 bytes) that signed the fixed data; signs user data too.
        root_private_key BLOB NOT NULL,
        enc_fixed_data BLOB NOT NULL,
        -- Encoded ConnLinkData as last published.
        user_data BLOB NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE agent_link_reads (
        link_id BLOB PRIMARY KEY,
        -- Ed25519 private key LKEY secured the invitation's queue with.
        sender_key BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `),
};
