// From the engine's chat summaries to the rows the chat list shows.
import type { ChatListItem } from '../components/ChatList';
import type { ChatItemView, ChatSummary } from '../../shared/models/chats';
import type { ContactView } from '../../shared/models/contacts';
import { chatTitle } from '../format/names';
import { listTime } from '../format/time';

/** One line, however many the message has. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function previewOf(last: ChatItemView | null, contact: ContactView | undefined): string {
  if (contact?.status === 'failed') return 'Connection failed';
  if (!last) {
    if (contact?.status === 'connecting') return 'Connecting…';
    if (contact?.status === 'deleted') return 'Contact deleted';
    return 'No messages yet';
  }
  if (last.deleted) return last.direction === 'snd' ? 'You deleted a message' : 'Message deleted';
  const text = oneLine(last.text);
  return last.direction === 'snd' ? `You: ${text}` : text;
}

export function chatListItems(
  chats: readonly ChatSummary[],
  contacts: Readonly<Record<number, ContactView>>,
  now: Date,
): ChatListItem[] {
  const byChat = new Map(Object.values(contacts).map((c) => [c.chatId, c]));
  return chats.map((chat) => {
    const contact = byChat.get(chat.id);
    const at = chat.lastItem?.sentAt ?? chat.updatedAt;
    return {
      id: chat.id,
      title: chatTitle(chat),
      image: chat.image,
      preview: previewOf(chat.lastItem, contact),
      time: listTime(at, now),
      dateTime: at,
      unread: chat.unreadCount,
      muted: chat.muted,
      connecting: contact?.status === 'connecting',
      failed: contact?.status === 'failed',
    };
  });
}
