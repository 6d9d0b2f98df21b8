// The SMP agent's connections and their queues, keys and ratchets (smp-agent.md §2–3).
//
// A connection is one row; its receive queues (normally one) and send queues (normally one)
// hang off it with ON DELETE CASCADE, as does everything else the agent stores for it, so
// deleting a connection deletes every key and message of it in one statement. Keys are raw
// bytes (the agent never stores them in text). Handshake steps are the connection's `status`
// plus each queue's `status`: a step's state is committed before the network call it leads to.
import type { Migration } from '../../../../node/sqlite';

export const migration0002: Migration = {
  version: 2,
  name: 'agent connections',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE agent_connections (
        conn_id TEXT PRIMARY KEY,
        mode TEXT NOT NULL CHECK (mode IN ('invitation', 'contact')),
        role TEXT NOT NULL CHECK (role IN ('initiator', 'joiner')),
        status TEXT NOT NULL CHECK (status IN ('new', 'pending', 'prepared', 'joining', 'joined',
          'confirmed', 'allowed', 'requesting', 'connected', 'failed')),
        agent_version INTEGER NOT NULL DEFAULT 0,
        -- Initiator: the link we published; joiner and requester: the link we join.
        conn_link TEXT,
        -- Our connInfo while a handshake step still has to send it; NULL afterwards.
        conn_info BLOB,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX agent_connections_status ON agent_connections (status);

      CREATE TABLE agent_rcv_queues (
        rcv_queue_id INTEGER PRIMARY KEY,
        conn_id TEXT NOT NULL REFERENCES agent_connections ON DELETE CASCADE,
        server TEXT NOT NULL,
        -- From IDS; NULL while the queue is being created.
        recipient_id BLOB,
        sender_id BLOB,
        link_id BLOB,
        queue_mode TEXT NOT NULL CHECK (queue_mode IN ('messaging', 'contact')),
        -- Ed25519 private key (64 bytes) authorizing our commands.
        rcv_auth_key BLOB NOT NULL,
        -- X25519 private key for the server's re-encryption of deliveries, and the secret with
        -- the server's key from IDS.
        rcv_dh_private BLOB NOT NULL,
        rcv_dh_secret BLOB,
        -- Per-queue e2e X25519 private key (its public half is dh= of the queue URI) and, once
        -- the sender's key is known, the e2e secret (never for contact queues).
        e2e_private BLOB NOT NULL,
        e2e_dh_secret BLOB,
        smp_client_version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('new', 'created', 'confirmed', 'active')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX agent_rcv_queues_conn ON agent_rcv_queues (conn_id);
      CREATE UNIQUE INDEX agent_rcv_queues_recipient ON agent_rcv_queues (recipient_id)
        WHERE recipient_id IS NOT NULL;

      CREATE TABLE agent_snd_queues (
        snd_queue_id INTEGER PRIMARY KEY,
        conn_id TEXT NOT NULL REFERENCES agent_connections ON DELETE CASCADE,
        server TEXT NOT NULL,
        sender_id BLOB NOT NULL,
        queue_mode TEXT NOT NULL CHECK (queue_mode IN ('messaging', 'contact')),
        -- Ed25519 private key for SKEY and SEND; NULL for a contact address (never secured).
        snd_auth_key BLOB,
        -- The recipient's per-queue e2e key (dh=), our per-queue key and their secret.
        peer_dh_public BLOB NOT NULL,
        e2e_private BLOB NOT NULL,
        e2e_dh_secret BLOB NOT NULL,
        smp_client_version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('new', 'secured', 'confirmed', 'active')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX agent_snd_queues_conn ON agent_snd_queues (conn_id);

      -- The encrypted message stream of a connection, one row per connection: the double
      -- ratchet's encoded state once X3DH has run, and until then (initiator) the X3DH private
      -- keys, set to NULL when the handshake completes; e2e_params: our public X3DH parameters
      -- as sent. Then the message numbering (§2.6), updated with the state in one statement per
      -- message: one internal sequence for sent and received messages, our sender sequence and
      -- the hash of our last agent message, the peer's last sender id and the hash of its last.
      CREATE TABLE agent_ratchets (
        conn_id TEXT PRIMARY KEY REFERENCES agent_connections ON DELETE CASCADE,
        state BLOB,
        x3dh_key1 BLOB,
        x3dh_key2 BLOB,
        e2e_params BLOB,
        last_internal_id INTEGER NOT NULL DEFAULT 0,
        last_snd_msg_id INTEGER NOT NULL DEFAULT 0,
        last_snd_hash BLOB NOT NULL DEFAULT x'',
        last_ext_snd_id INTEGER NOT NULL DEFAULT 0,
        last_rcv_hash BLOB NOT NULL DEFAULT x''
      ) STRICT, WITHOUT ROWID;

      -- Keys of messages skipped over, by header key and message number (§3.2). Bounded per
      -- connection, swept by age, deleted when used.
      CREATE TABLE agent_skipped_keys (
        conn_id TEXT NOT NULL REFERENCES agent_connections ON DELETE CASCADE,
        header_key BLOB NOT NULL,
        msg_number INTEGER NOT NULL,
        message_key BLOB NOT NULL,
        iv BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (conn_id, header_key, msg_number)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX agent_skipped_keys_age ON agent_skipped_keys (created_at);

      -- Creator side: the joiner's confirmation, pending allowConnection.
      CREATE TABLE agent_confirmations (
        confirmation_id TEXT PRIMARY KEY,
        conn_id TEXT NOT NULL UNIQUE REFERENCES agent_connections ON DELETE CASCADE,
        -- The joiner's reply queue (binary SmpQueueInfo) and profile.
        reply_queue BLOB NOT NULL,
        conn_info BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'allowed')),
        created_at TEXT NOT NULL
      ) STRICT;

      -- Address owner: contact requests, pending acceptContact / rejectContact.
      CREATE TABLE agent_contact_requests (
        invitation_id TEXT PRIMARY KEY,
        contact_conn_id TEXT NOT NULL REFERENCES agent_connections ON DELETE CASCADE,
        -- The requester's invitation link and its SHA-256 (a request sent twice is one request).
        conn_req TEXT NOT NULL,
        conn_req_hash BLOB NOT NULL,
        conn_info BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted')),
        accepted_conn_id TEXT REFERENCES agent_connections ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        UNIQUE (contact_conn_id, conn_req_hash)
      ) STRICT;

      CREATE INDEX agent_contact_requests_accepted ON agent_contact_requests (accepted_conn_id);
    `),
};
