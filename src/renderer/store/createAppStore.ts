import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api';
import { createAddressSlice } from './addressSlice';
import { createChatsSlice } from './chatsSlice';
import { createConnectSlice } from './connectSlice';
import { createContactsSlice } from './contactsSlice';
import { createEngineSlice } from './engineSlice';
import { createItemsSlice } from './itemsSlice';
import { createNavigationSlice } from './navigationSlice';
import { createProfileSlice } from './profileSlice';
import { createRequestsSlice } from './requestsSlice';
import { createServersSlice } from './serversSlice';
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
    ...createChatsSlice(api)(...a),
    ...createItemsSlice(api)(...a),
    ...createContactsSlice(api)(...a),
    ...createRequestsSlice(api)(...a),
    ...createAddressSlice(api)(...a),
    ...createConnectSlice(api)(...a),
    ...createServersSlice(api)(...a),
  }));
}

/** Puts a store back to its initial state (the reset of zustand's testing guide). */
export function resetAppStore(store: AppStore): void {
  store.setState(store.getInitialState(), true);
}
