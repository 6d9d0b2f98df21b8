// The SMP agent's messages: what we send (encrypted, ready to send, with its retry schedule)
// and what we received (kept for de-duplication; the body only until the application ACKs), and
// the outbox of agent events (written with the state change that causes them, removed once
// emitted, so that no event is lost across a crash).
import type { Migration } from '../../../../node/sqlite';

export const migration0003: Migration = {
  version: 3,
  name: 'agent messages',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE agent_snd_messages (
        conn_id TEXT NOT NULL REFERENCES agent_connections ON DELETE CASCADE,
        agent_msg_id INTEGER NOT NULL,
        -- Our sender sequence number (0 for contact requests, which have none).
        snd_msg_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'request', 'message', 'receipt',
          'qcont')),
        snd_queue_id INTEGER NOT NULL REFERENCES agent_snd_queues ON DELETE CASCADE,
        -- SHA-256 of the agent message, compared with the peer's receipt.
        msg_hash BLOB NOT NULL,
        -- The SEND body, encrypted and ready; NULL once the server accepted it.
        body BLOB,
        notify INTEGER NOT NULL CHECK (notify IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'delivered', 'failed')),
        receipt_status TEXT CHECK (receipt_status IN ('ok', 'badMsgHash')),
        attempts INTEGER NOT NULL DEFAULT 0,
        -- Epoch milliseconds.
        first_attempt_at INTEGER,
        created_at TEXT NOT NULL,
        PRIMARY KEY (conn_id, agent_msg_id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX agent_snd_messages_pending ON agent_snd_messages (snd_queue_id, agent_msg_id)
        WHERE status = 'pending';
      CREATE INDEX agent_snd_messages_snd_id ON agent_snd_messages (conn_id, snd_msg_id);

      CREATE TABLE agent_rcv_messages (
        conn_id TEXT NOT NULL REFERENCES agent_connections ON DELETE CASCADE,
        agent_msg_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'request', 'message', 'receipt',
          'qcont', 'control')),
        snd_msg_id INTEGER NOT NULL,
        -- The server's message id (redelivery) and the hash of the ratchet ciphertext (a copy
        -- sent again under a new server id).
        broker_msg_id BLOB NOT NULL,
        broker_ts INTEGER NOT NULL,
        encrypted_hash BLOB NOT NULL,
        -- SHA-256 of the agent message, echoed in our receipt.
        msg_hash BLOB NOT NULL,
        integrity TEXT NOT NULL CHECK (json_valid(integrity)),
        notify INTEGER NOT NULL CHECK (notify IN (0, 1)),
        -- The application body until the application ACKs it.
        body BLOB,
        app_acked INTEGER NOT NULL CHECK (app_acked IN (0, 1)),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (conn_id, agent_msg_id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX agent_rcv_messages_broker ON agent_rcv_messages (conn_id, broker_msg_id);
      CREATE INDEX agent_rcv_messages_hash ON agent_rcv_messages (conn_id, encrypted_hash);
      CREATE INDEX agent_rcv_messages_unacked ON agent_rcv_messages (conn_id, agent_msg_id)
        WHERE app_acked = 0;
      CREATE INDEX agent_rcv_messages_age ON agent_rcv_messages (created_at) WHERE app_acked = 1;

      -- No foreign key: a 'deleted' event outlives its connection.
      CREATE TABLE agent_events (
        event_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload))
      ) STRICT;
    `),
};
