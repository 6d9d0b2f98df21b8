// Desktop notifications: the pure policy decides, this module delivers through Electron's
// Notification and turns a click into "show that chat".
import { Notification } from 'electron';
import {
  decideNotification,
  type IncomingMessage,
  type NotificationDecision,
} from '../../shared/notifications/policy';
import type { Settings } from '../../shared/models/settings';

export interface NotifierOptions {
  readonly settings: () => Settings;
  readonly windowFocused: () => boolean;
  /** The chat the window shows, if the renderer has said so. */
  readonly openChatId: () => string | null;
  readonly isChatMuted: (chatId: string) => boolean;
  /** Focus the window and ask the renderer to show the chat. */
  readonly openChat: (chatId: string) => void;
}

export interface Notifier {
  notify(message: IncomingMessage): NotificationDecision;
}

export function createNotifier(options: NotifierOptions): Notifier {
  // Electron drops click handlers of notifications that are garbage-collected, so shown ones
  // are kept until closed.
  const shown = new Set<Notification>();

  return {
    notify(message) {
      const settings = options.settings();
      const decision = decideNotification({
        message,
        enabled: settings.notificationsEnabled,
        preview: settings.notificationPreview,
        windowFocused: options.windowFocused(),
        openChatId: options.openChatId(),
        chatMuted: options.isChatMuted(message.chatId),
      });
      if (!decision.notify || !Notification.isSupported()) return decision;
      const notification = new Notification({ title: decision.title, body: decision.body });
      notification.on('click', () => options.openChat(message.chatId));
      notification.on('close', () => shown.delete(notification));
      shown.add(notification);
      notification.show();
      return decision;
    },
  };
}
