// Identifiers the chat layer makes or reads: chat ids of the contract, shared message ids and
// probes in upstream's form.
import { base64, utf8 } from '../../../protocol/encoding';
import { randomBytes, sha256 } from '../../../protocol/crypto';
import type { ChatId } from '../../../shared/models/chats';

export type ChatRef = { type: 'direct'; contactId: number } | { type: 'group'; groupId: number };

/** `@<contactId>` or `#<groupId>`; the contract's schema has already checked the shape. */
export function parseChatId(chatId: ChatId): ChatRef {
  const id = Number(chatId.slice(1));
  return chatId.startsWith('@')
    ? { type: 'direct', contactId: id }
    : { type: 'group', groupId: id };
}

export function directChatId(contactId: number): ChatId {
  return `@${contactId}`;
}

/**
 * Upstream draws random bytes and uses their standard base64 text as the id (so ids are
 * base64url-encoded again on the wire); we make ids the same way, and compare them as bytes.
 */
function encodedRandomBytes(n: number): Uint8Array {
  return utf8(base64(randomBytes(n)));
}

/** A new shared message id: 12 random bytes, as upstream makes them. */
export function newSharedMsgId(): Uint8Array {
  return encodedRandomBytes(12);
}

/** A new probe: 32 random bytes, as upstream makes them. */
export function newProbe(): Uint8Array {
  return encodedRandomBytes(32);
}

export function probeHash(probe: Uint8Array): Uint8Array {
  return sha256(probe);
}
