// Whether a new message becomes a desktop notification, and what it shows. A pure function of
// the situation, so every rule is tested without a desktop. Mentions come later.
import type { NotificationPreview } from '../models/settings';

export interface IncomingMessage {
  readonly chatId: string;
  /** The chat's name as the user sees it (contact or group). */
  readonly chatName: string;
  readonly senderName: string;
  /** Plain text of the message, if it has any. */
  readonly text: string;
  readonly isGroup: boolean;
}

export interface NotificationSituation {
  readonly message: IncomingMessage;
  /** Global switch from settings. */
  readonly enabled: boolean;
  readonly preview: NotificationPreview;
  readonly windowFocused: boolean;
  /** The chat the window shows, if any. */
  readonly openChatId: string | null;
  readonly chatMuted: boolean;
}

export type NotificationDecision =
  | { readonly notify: false; readonly reason: 'disabled' | 'muted' | 'chat-visible' }
  | { readonly notify: true; readonly title: string; readonly body: string };

export const MAX_NOTIFICATION_BODY = 200;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_NOTIFICATION_BODY
    ? `${oneLine.slice(0, MAX_NOTIFICATION_BODY - 1)}…`
    : oneLine;
}

export function decideNotification(s: NotificationSituation): NotificationDecision {
  if (!s.enabled) return { notify: false, reason: 'disabled' };
  if (s.chatMuted) return { notify: false, reason: 'muted' };
  // The user is looking at this very chat: the message is already on screen.
  if (s.windowFocused && s.openChatId === s.message.chatId) {
    return { notify: false, reason: 'chat-visible' };
  }
  const { message } = s;
  switch (s.preview) {
    case 'none':
      return { notify: true, title: 'Conclave', body: 'New message' };
    case 'sender':
      return {
        notify: true,
        title: message.isGroup ? message.chatName : message.senderName,
        body: message.isGroup ? `New message from ${message.senderName}` : 'New message',
      };
    case 'message': {
      const text = shorten(message.text) || 'New message';
      return {
        notify: true,
        title: message.chatName,
        body: message.isGroup ? `${message.senderName}: ${text}` : text,
      };
    }
  }
}
