// The chat layer's people: contacts, the user's contact address, one-time invitations and
// incoming contact requests.
//
// Each row that stands for a connection names it by the agent's `agent_conn_id` (plain text, not
// a foreign key: the agent's tables are its own, and the chat layer decides when a connection is
// deleted). Peers' profiles are kept twice: the columns we list and match probes on, and the
// profile JSON as received, so fields we do not show (preferences, contact link) are not lost.
import type { Migration } from '../../../../node/sqlite';

export const migration0005: Migration = {
  version: 5,
  name: 'chat contacts',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE contacts (
        contact_id INTEGER PRIMARY KEY,
        user_profile_id INTEGER NOT NULL REFERENCES user_profiles ON DELETE CASCADE,
        -- Empty until the peer's profile arrives (joining an invitation without link data).
        display_name TEXT NOT NULL,
        full_name TEXT NOT NULL DEFAULT '',
        image TEXT,
        profile_json TEXT CHECK (profile_json IS NULL OR json_valid(profile_json)),
        -- NULL once the connection is gone (the contact deleted us).
        agent_conn_id TEXT,
        -- 'merged': a duplicate found by probes; its connection still delivers to merged_into.
        status TEXT NOT NULL CHECK (status IN ('connecting', 'active', 'deleted', 'merged')),
        via TEXT NOT NULL CHECK (via IN ('address', 'invitation', 'request', 'group')),
        -- We joined the peer's link: we probe for a duplicate of this contact once connected.
        send_probes INTEGER NOT NULL DEFAULT 0 CHECK (send_probes IN (0, 1)),
        -- The peer's chat protocol version range, from its last message.
        chat_vmin INTEGER NOT NULL DEFAULT 1,
        chat_vmax INTEGER NOT NULL DEFAULT 1 CHECK (chat_vmax >= chat_vmin),
        merged_into INTEGER REFERENCES contacts ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((status = 'merged') = (merged_into IS NOT NULL))
      ) STRICT;

      CREATE UNIQUE INDEX contacts_agent_conn ON contacts (agent_conn_id);
      -- Probes look for existing contacts with the same profile.
      CREATE INDEX contacts_display_name ON contacts (user_profile_id, display_name);
      CREATE INDEX contacts_merged_into ON contacts (merged_into) WHERE merged_into IS NOT NULL;

      -- One address per profile; requests through it arrive as agent 'request' events.
      CREATE TABLE user_addresses (
        user_profile_id INTEGER PRIMARY KEY REFERENCES user_profiles ON DELETE CASCADE,
        agent_conn_id TEXT NOT NULL UNIQUE,
        link TEXT NOT NULL,
        short_link TEXT,
        auto_accept INTEGER NOT NULL DEFAULT 0 CHECK (auto_accept IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- One-time invitations we created and nobody has used yet. The peer's confirmation
      -- turns one into a contact and removes the row.
      CREATE TABLE invitations (
        invitation_id INTEGER PRIMARY KEY,
        user_profile_id INTEGER NOT NULL REFERENCES user_profiles ON DELETE CASCADE,
        agent_conn_id TEXT NOT NULL UNIQUE,
        link TEXT NOT NULL,
        short_link TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE contact_requests (
        contact_request_id INTEGER PRIMARY KEY,
        user_profile_id INTEGER NOT NULL REFERENCES user_profiles ON DELETE CASCADE,
        -- The agent's id of the request (acceptContact / rejectContact take it).
        agent_invitation_id TEXT NOT NULL UNIQUE,
        -- x.contact's contactReqId: a repeated request from the same sender replaces the earlier.
        contact_req_id BLOB,
        display_name TEXT NOT NULL,
        full_name TEXT NOT NULL DEFAULT '',
        image TEXT,
        profile_json TEXT NOT NULL CHECK (json_valid(profile_json)),
        chat_vmin INTEGER NOT NULL DEFAULT 1,
        chat_vmax INTEGER NOT NULL DEFAULT 1 CHECK (chat_vmax >= chat_vmin),
        -- Set while acceptContact runs, so a restart finishes the acceptance.
        accepting INTEGER NOT NULL DEFAULT 0 CHECK (accepting IN (0, 1)),
        received_at TEXT NOT NULL
      ) STRICT;

      CREATE UNIQUE INDEX contact_requests_req_id ON contact_requests (user_profile_id, contact_req_id)
        WHERE contact_req_id IS NOT NULL;
      CREATE INDEX contact_requests_received ON contact_requests (user_profile_id, received_at);

      -- Connections the chat layer no longer uses and deletes: at once, or once the message it
      -- still had to deliver (x.direct.del) was sent. A restart finishes what is listed here.
      CREATE TABLE chat_conn_deletions (
        agent_conn_id TEXT PRIMARY KEY,
        wait_agent_msg_id INTEGER,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `),
};
