// The first schema of the SMP server store: queues with their keys, mode, status and short-link
// data, and the undelivered messages of each queue in arrival order (with the quota marker).
//
// Deleted queues are removed with their messages (ON DELETE CASCADE): the server keeps nothing
// after DEL or ACK (§1.5). message_id is assigned by the server in arrival order, so the oldest
// message of a queue is the one with the smallest id.
import type { Migration } from '../../../node/sqlite';

export const migration0001: Migration = {
  version: 1,
  name: 'queues and messages',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE queues (
        recipient_id BLOB PRIMARY KEY,
        sender_id BLOB NOT NULL UNIQUE,
        -- The recipient's auth keys (SPKI) as an SMP list: count byte, then shortStrings.
        recipient_keys BLOB NOT NULL,
        -- DH(recipient key, server key): re-encrypts delivered messages for the recipient.
        rcv_dh_secret BLOB NOT NULL CHECK (length(rcv_dh_secret) = 32),
        sender_key BLOB,
        -- NULL: created without a mode (before SMP v9); treated as upstream does.
        queue_mode TEXT CHECK (queue_mode IN ('messaging', 'contact')),
        status TEXT NOT NULL CHECK (status IN ('active', 'off')),
        link_id BLOB UNIQUE,
        link_fixed_data BLOB,
        link_user_data BLOB,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((link_id IS NULL) = (link_fixed_data IS NULL)),
        CHECK ((link_id IS NULL) = (link_user_data IS NULL))
      ) STRICT;

      CREATE TABLE messages (
        message_id INTEGER PRIMARY KEY,
        recipient_id BLOB NOT NULL REFERENCES queues (recipient_id) ON DELETE CASCADE,
        msg_id BLOB NOT NULL,
        -- Seconds since the Unix epoch, when the server accepted the message.
        created_at INTEGER NOT NULL,
        -- 'quota': the marker that the queue had been full (no body).
        kind TEXT NOT NULL CHECK (kind IN ('message', 'quota')),
        notification INTEGER NOT NULL CHECK (notification IN (0, 1)),
        body BLOB,
        CHECK ((kind = 'message') = (body IS NOT NULL))
      ) STRICT;

      CREATE INDEX messages_by_queue ON messages (recipient_id, message_id);
    `),
};
