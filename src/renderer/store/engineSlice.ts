import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import type { AppState, EngineSlice } from './types';

export const createEngineSlice =
  (api: ApiClient): StateCreator<AppState, [], [], EngineSlice> =>
  (set) => ({
    engine: null,
    connection: 'connecting',
    everConnected: false,
    appInfo: null,
    engineStatusReceived: (engine) => set({ engine }),
    connectionChanged: (connection) =>
      set((s) => ({ connection, everConnected: s.everConnected || connection === 'open' })),
    async loadEngineStatus() {
      try {
        set({ engine: await api.call('engine.status', {}) });
      } catch {
        // Not knowing the status is not worth a message of its own: every other call will say
        // that the engine cannot be reached.
      }
    },
    async loadAppInfo() {
      try {
        set({ appInfo: await api.call('app.info', {}) });
      } catch {
        // Asked again on the next connection; until then nothing depends on the runtime.
      }
    },
  });
