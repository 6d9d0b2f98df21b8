import type { ChatSummary } from '../../shared/models/chats';

/**
 * The name a chat goes by. Joining a one-time invitation that carries no profile leaves the
 * contact nameless until their profile arrives with the handshake.
 */
export function chatTitle(chat: Pick<ChatSummary, 'title'>): string {
  return chat.title.trim() || 'New contact';
}
