import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import { attempt } from './attempt';
import type { AddressSlice } from './chatTypes';
import { describeError } from './errors';
import type { AppState } from './types';

export const createAddressSlice =
  (api: ApiClient): StateCreator<AppState, [], [], AddressSlice> =>
  (set, get) => ({
    address: null,
    addressLoad: { status: 'idle' },

    async loadAddress() {
      const refreshing = get().addressLoad.status === 'ready';
      if (!refreshing) set({ addressLoad: { status: 'loading' } });
      try {
        set({ address: await api.call('address.get', {}), addressLoad: { status: 'ready' } });
      } catch (e) {
        if (!refreshing) set({ addressLoad: { status: 'error', message: describeError(e) } });
      }
    },

    addressReceived: (address) => set({ address, addressLoad: { status: 'ready' } }),

    createAddress: () =>
      attempt(async () => {
        get().addressReceived(await api.call('address.create', { autoAccept: false }));
        return null;
      }),

    deleteAddress: () =>
      attempt(async () => {
        await api.call('address.delete', {});
        get().addressReceived(null);
        return null;
      }),

    setAutoAccept: (autoAccept) =>
      attempt(async () => {
        get().addressReceived(await api.call('address.setAutoAccept', { autoAccept }));
        return null;
      }),
  });
