// A chat's counters follow its items by themselves: every inserted item becomes the chat's last
// item and moves the chat up the list, and a received one counts as unread. Whatever inserts
// items (the receive path, sending, later group forwarding and history) keeps them right without
// a statement of its own, which also spares the receive path a round trip per message.
import type { Migration } from '../../../../node/sqlite';

export const migration0008: Migration = {
  version: 8,
  name: 'chat item counters',
  up: (tx) =>
    tx.exec(`
      CREATE TRIGGER chat_items_counters AFTER INSERT ON chat_items
      BEGIN
        UPDATE chats SET
          last_item_id = NEW.item_id,
          updated_at = NEW.created_at,
          unread_count = unread_count + (NEW.status = 'received')
        WHERE chat_id = NEW.chat_id;
      END;
    `),
};
