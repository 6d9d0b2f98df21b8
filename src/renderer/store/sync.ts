// Keeps the store in step with the host: events update it as they arrive, and whenever the
// connection (re)opens or the engine comes back from a restart, everything is read again, since
// events sent while we were away are lost.
import type { ApiClient } from '../api';
import type { AppStore } from './createAppStore';

export function connectStore(store: AppStore, api: ApiClient): () => void {
  const { getState } = store;

  const reloadAll = (): void => {
    void getState().loadEngineStatus();
    void getState().loadProfile();
    void getState().loadSettings();
  };

  const unsubscribers = [
    api.on('profile.updated', (p) => getState().profileReceived(p)),
    api.on('settings.updated', (s) => getState().settingsReceived(s)),
    api.on('engine.status', (status) => {
      const before = getState().engine?.state;
      getState().engineStatusReceived(status);
      if (status.state === 'ready' && before !== undefined && before !== 'ready') reloadAll();
    }),
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
