// Chats and their items, with per-connection deliveries and reactions.
//
// A chat is a direct chat with one contact now; group chats reuse the table (their migration adds
// a `group_id` column with ALTER TABLE, which the CHECK below already allows). Items are paged by
// (chat_id, item_id) and never loaded whole. An item received twice (a redelivery after a crash,
// or in groups a forwarded copy) is absorbed by the unique key (chat, shared msg id, direction,
// author member): `author_member_id` is NULL in direct chats and names the group member later.
import type { Migration } from '../../../../node/sqlite';

export const migration0006: Migration = {
  version: 6,
  name: 'chat items',
  up: (tx) =>
    tx.exec(`
      CREATE TABLE chats (
        chat_id INTEGER PRIMARY KEY,
        user_profile_id INTEGER NOT NULL REFERENCES user_profiles ON DELETE CASCADE,
        chat_type TEXT NOT NULL CHECK (chat_type IN ('direct', 'group')),
        contact_id INTEGER UNIQUE REFERENCES contacts ON DELETE CASCADE,
        unread_count INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
        muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
        -- Maintained with each insert; not a foreign key, to avoid a cycle with chat_items.
        last_item_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((chat_type = 'direct') = (contact_id IS NOT NULL))
      ) STRICT;

      -- The chat list: most recently updated first.
      CREATE INDEX chats_order ON chats (user_profile_id, updated_at DESC, chat_id DESC);

      CREATE TABLE chat_items (
        item_id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('snd', 'rcv')),
        -- The sender's shared message id (bytes); NULL for items that exist only here.
        shared_msg_id BLOB,
        author_member_id INTEGER,
        content_type TEXT NOT NULL,
        -- The MsgContent as on the wire; cleared when the item is deleted.
        content_json TEXT NOT NULL CHECK (json_valid(content_json)),
        text TEXT NOT NULL,
        -- When the author sent it (received items: the sender's server time).
        sent_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('sending', 'sent', 'delivered', 'error', 'received', 'read')),
        edited_at TEXT,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        error TEXT,
        CHECK ((direction = 'snd') = (status IN ('sending', 'sent', 'delivered', 'error')))
      ) STRICT;

      CREATE INDEX chat_items_page ON chat_items (chat_id, item_id);
      CREATE UNIQUE INDEX chat_items_dedup
        ON chat_items (chat_id, shared_msg_id, direction, ifnull(author_member_id, 0))
        WHERE shared_msg_id IS NOT NULL;
      CREATE INDEX chat_items_unread ON chat_items (chat_id) WHERE status = 'received';

      -- Which agent message carried an item over which connection (one per recipient
      -- connection: one in a direct chat, several in groups), for sent/delivered/error.
      CREATE TABLE chat_item_deliveries (
        agent_conn_id TEXT NOT NULL,
        agent_msg_id INTEGER NOT NULL,
        item_id INTEGER NOT NULL REFERENCES chat_items ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'delivered', 'error')),
        error TEXT,
        PRIMARY KEY (agent_conn_id, agent_msg_id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX chat_item_deliveries_item ON chat_item_deliveries (item_id);

      -- One row per (item, reactor, reaction). The reactor is the user ('self', id 0), a contact
      -- or (later) a group member.
      CREATE TABLE chat_item_reactions (
        item_id INTEGER NOT NULL REFERENCES chat_items ON DELETE CASCADE,
        reactor_kind TEXT NOT NULL CHECK (reactor_kind IN ('self', 'contact', 'member')),
        reactor_id INTEGER NOT NULL,
        -- The emoji shown; the reaction as on the wire (unknown kinds are kept as sent).
        emoji TEXT NOT NULL,
        reaction_json TEXT NOT NULL CHECK (json_valid(reaction_json)),
        created_at TEXT NOT NULL,
        PRIMARY KEY (item_id, reactor_kind, reactor_id, emoji),
        CHECK ((reactor_kind = 'self') = (reactor_id = 0))
      ) STRICT, WITHOUT ROWID;
    `),
};
