// Connects the page's window to the store: focus reporting and, in the browser host, notifications.
import type { ApiClient } from '../api';
import type { AppStore } from '../store';
import { connectBrowserNotifications } from './browserNotifier';
import { connectFocusReporting } from './focusReporter';

export function connectWindow(store: AppStore, api: ApiClient, win: Window = window): () => void {
  const { Notification } = win as Window & typeof globalThis;
  const unsubscribers = [
    connectFocusReporting(store, api, {
      hasFocus: () => win.document.hasFocus(),
      addEventListener: (type, listener) => win.addEventListener(type, listener),
      removeEventListener: (type, listener) => win.removeEventListener(type, listener),
    }),
    connectBrowserNotifications(store, api, {
      hasFocus: () => win.document.hasFocus(),
      // Absent in browsers without notifications (and in some embedded webviews).
      Notification: typeof Notification === 'function' ? Notification : undefined,
      focusWindow: () => win.focus(),
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
