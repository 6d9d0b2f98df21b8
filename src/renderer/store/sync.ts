// Keeps the store in step with the host: events update it as they arrive, and whenever the
// connection (re)opens or the engine comes back from a restart, everything is read again, since
// events sent while we were away are lost. Every event handler is idempotent: applying the same
// event twice leaves the same state.
import type { ApiClient } from '../api';
import type { AppStore } from './createAppStore';

export function connectStore(store: AppStore, api: ApiClient): () => void {
  const { getState } = store;

  const reloadAll = (): void => {
    const s = getState();
    void s.loadAppInfo();
    void s.loadEngineStatus();
    void s.loadProfile();
    void s.loadSettings();
    void s.loadChats();
    void s.loadContacts();
    void s.loadRequests();
    void s.loadAddress();
    void s.loadServers();
    if (s.openChatId) void s.loadNewestItems(s.openChatId);
  };

  const unsubscribers = [
    api.on('profile.updated', (p) => getState().profileReceived(p)),
    api.on('settings.updated', (s) => getState().settingsReceived(s)),
    api.on('engine.status', (status) => {
      const before = getState().engine?.state;
      getState().engineStatusReceived(status);
      if (status.state === 'ready' && before !== undefined && before !== 'ready') reloadAll();
    }),

    api.on('chats.updated', (chat) => getState().chatReceived(chat)),
    api.on('chats.removed', ({ id }) => getState().chatRemoved(id)),
    api.on('chat.item.added', (event) => {
      getState().chatReceived(event.chat);
      getState().itemAdded(event);
    }),
    api.on('chat.item.updated', (item) => getState().itemUpdated(item)),
    api.on('contacts.updated', (c) => getState().contactReceived(c)),
    api.on('contacts.removed', ({ id }) => getState().contactRemoved(id)),
    api.on('requests.updated', (r) => getState().requestReceived(r)),
    api.on('requests.removed', ({ id }) => getState().requestRemoved(id)),
    api.on('address.updated', (a) => getState().addressReceived(a)),
    api.on('servers.updated', (s) => getState().serversReceived(s)),

    // The OS handed over a link: offer to connect through it (nothing happens without a click).
    api.on('app.link.opened', ({ link }) => getState().openNewChat('link', link)),
    // A notification was clicked (main focused the window already).
    api.on('app.chat.open', ({ chatId }) => getState().openChat(chatId)),

    // Subscribed last: the current state is reported at once, and an open connection loads
    // everything, so the event listeners above must already be in place.
    api.onConnection((state) => {
      getState().connectionChanged(state);
      if (state !== 'open') return;
      reloadAll();
      // Tells the host we are listening, so it can hand over what it held back (opened links).
      // If this fails the connection has dropped again, which the banner already reports.
      api.call('app.ready', {}).catch(() => {});
    }),
  ];

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
