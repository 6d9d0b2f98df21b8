// A real store for the chat layer's unit tests: the engine's migrations in a temp directory, a
// user, and contacts with chats as the handshake would leave them.
import { createContact } from '../../../../src/main/engine/chat/contacts';
import type { PeerProfile } from '../../../../src/main/engine/chat/profiles';
import { openStore } from '../../../../src/main/engine/store';
import { createProfile } from '../../../../src/main/engine/store/profiles';
import type { Database } from '../../../../src/node/sqlite';
import {
  SUPPORTED_CHAT_VRANGE,
  encodeChatMessage,
  type KnownChatEvent,
} from '../../../../src/protocol/chat';

export const NOW = '2026-02-03T04:05:06.000Z';

export function peer(displayName: string, fullName = ''): PeerProfile {
  return { displayName, fullName, image: null, json: JSON.stringify({ displayName, fullName }) };
}

export interface ChatStore {
  readonly db: Database;
  readonly userId: number;
  /** An active contact on connection `connId`; returns its ids. */
  contact(connId: string, profile?: PeerProfile): Promise<{ contactId: number; chatRowId: number }>;
}

export async function chatStore(dir: string): Promise<ChatStore> {
  const db = await openStore(dir);
  const user = await db.transaction((tx) =>
    createProfile(tx, { displayName: 'me', fullName: '', image: null }, NOW),
  );
  return {
    db,
    userId: user.id,
    contact: (connId, profile = peer('bob')) =>
      db.transaction(async (tx) => {
        const created = await createContact(
          tx,
          { userProfileId: user.id, profile, connId, via: 'invitation', sendProbes: false },
          NOW,
        );
        await tx.run("UPDATE contacts SET status = 'active' WHERE contact_id = ?", [
          created.contactId,
        ]);
        return created;
      }),
  };
}

/** A message body as a peer would send it. */
export function body(event: KnownChatEvent, msgId?: Uint8Array): Uint8Array {
  return encodeChatMessage({ version: SUPPORTED_CHAT_VRANGE, ...(msgId && { msgId }), ...event });
}

export const bytes = (s: string) => new TextEncoder().encode(s);
