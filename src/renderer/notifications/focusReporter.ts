// Tells the host which chat the person is looking at (null when none, or when the window does not
// have focus), so main's notifier stays quiet about messages that are already on screen.
import type { ApiClient } from '../api';
import { visibleChatId, type AppStore } from '../store';
import type { ChatId } from '../../shared/models/chats';

export interface FocusSource {
  hasFocus(): boolean;
  addEventListener(type: 'focus' | 'blur', listener: () => void): void;
  removeEventListener(type: 'focus' | 'blur', listener: () => void): void;
}

export function connectFocusReporting(
  store: AppStore,
  api: ApiClient,
  source: FocusSource,
): () => void {
  /** What the host was last told; undefined when it must be told again. */
  let reported: ChatId | null | undefined;

  const report = (focused = source.hasFocus()): void => {
    const chatId = focused ? visibleChatId(store.getState()) : null;
    if (chatId === reported) return;
    reported = chatId;
    api.call('app.chat.focused', { chatId }).catch(() => {
      // The connection dropped; it is said again once it is back (see onConnection below).
      reported = undefined;
    });
  };

  const onFocus = (): void => report(true);
  const onBlur = (): void => report(false);
  source.addEventListener('focus', onFocus);
  source.addEventListener('blur', onBlur);
  const unsubscribers = [
    store.subscribe(() => report()),
    // A new connection may be a new host: it knows nothing yet.
    api.onConnection((state) => {
      if (state !== 'open') return;
      reported = undefined;
      report();
    }),
  ];

  return () => {
    source.removeEventListener('focus', onFocus);
    source.removeEventListener('blur', onBlur);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
