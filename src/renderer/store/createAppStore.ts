import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api';
import { createEngineSlice } from './engineSlice';
import { createNavigationSlice } from './navigationSlice';
import { createProfileSlice } from './profileSlice';
import { createSettingsSlice } from './settingsSlice';
import type { AppState } from './types';

export type AppStore = StoreApi<AppState>;

/**
 * One store per api client (the page has one; each test makes its own), so no state leaks from
 * one test to the next and actions never reach for a global client.
 */
export function createAppStore(api: ApiClient): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createEngineSlice(api)(...a),
    ...createProfileSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createNavigationSlice(...a),
  }));
}

/** Puts a store back to its initial state (the reset of zustand's testing guide). */
export function resetAppStore(store: AppStore): void {
  store.setState(store.getInitialState(), true);
}
