import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import { attempt } from './attempt';
import type { ServersSlice } from './chatTypes';
import { describeError } from './errors';
import type { AppState } from './types';

export const createServersSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ServersSlice> =>
  (set, get) => ({
    servers: null,
    serversLoad: { status: 'idle' },

    async loadServers() {
      const refreshing = get().serversLoad.status === 'ready';
      if (!refreshing) set({ serversLoad: { status: 'loading' } });
      try {
        set({ servers: await api.call('servers.get', {}), serversLoad: { status: 'ready' } });
      } catch (e) {
        if (!refreshing) set({ serversLoad: { status: 'error', message: describeError(e) } });
      }
    },

    serversReceived: (servers) => set({ servers, serversLoad: { status: 'ready' } }),

    saveServers: (update) =>
      attempt(async () => {
        get().serversReceived(await api.call('servers.set', update));
        return null;
      }),

    testServer: (address) => attempt(() => api.call('servers.test', { address })),
  });
