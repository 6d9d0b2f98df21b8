// In the browser host nobody else can show notifications, so the page does it, with the Web
// Notification API and the same pure policy main's notifier uses. Inside Electron main does it,
// and the page stays silent: one message, one notification.
import type { ApiClient } from '../api';
import { chatTitle } from '../format/names';
import { visibleChatId, type AppState, type AppStore } from '../store';
import type { NewChatItemEvent } from '../../shared/models/chats';
import { decideNotification, type NotificationDecision } from '../../shared/notifications/policy';

/** The part of the Web Notification API this module uses (a fake one in jsdom tests). */
export interface NotificationLike {
  onclick: ((event: Event) => unknown) | null;
  close(): void;
}

export interface NotificationConstructorLike {
  new (title: string, options?: NotificationOptions): NotificationLike;
  readonly permission: NotificationPermission;
}

export interface NotificationEnvironment {
  readonly hasFocus: () => boolean;
  /** Absent where the browser has no notifications. */
  readonly Notification: NotificationConstructorLike | undefined;
  readonly focusWindow: () => void;
}

/** What the policy says about a new item, given what the store knows. */
export function decideForEvent(
  state: Pick<AppState, 'settings' | 'view' | 'openChatId'>,
  { chat, item }: NewChatItemEvent,
  windowFocused: boolean,
): NotificationDecision {
  return decideNotification({
    message: {
      chatId: chat.id,
      chatName: chatTitle(chat),
      // Direct chats only so far: the sender is the chat's contact.
      senderName: chatTitle(chat),
      text: item.deleted ? '' : item.text,
      isGroup: chat.type === 'group',
    },
    enabled: state.settings.notificationsEnabled,
    preview: state.settings.notificationPreview,
    windowFocused,
    openChatId: visibleChatId(state),
    chatMuted: chat.muted,
  });
}

export function connectBrowserNotifications(
  store: AppStore,
  api: ApiClient,
  env: NotificationEnvironment,
): () => void {
  return api.on('chat.item.added', (event) => {
    const state = store.getState();
    if (state.appInfo?.runtime !== 'browser-host' || event.item.direction !== 'rcv') return;
    const Notification = env.Notification;
    if (!Notification || Notification.permission !== 'granted') return;
    const decision = decideForEvent(state, event, env.hasFocus());
    if (!decision.notify) return;
    const chatId = event.chat.id;
    // One notification per chat: a newer message replaces the one before it.
    const notification = new Notification(decision.title, { body: decision.body, tag: chatId });
    notification.onclick = () => {
      env.focusWindow();
      store.getState().openChat(chatId);
      notification.close();
    };
  });
}
