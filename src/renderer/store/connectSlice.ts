import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import { attempt } from './attempt';
import type { ConnectSlice } from './chatTypes';
import type { AppState } from './types';

export const createConnectSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ConnectSlice> =>
  (set, get) => ({
    invitation: null,

    createInvitation: () =>
      attempt(async () => {
        set({ invitation: await api.call('invitation.create', {}) });
        return null;
      }),

    connect: (link) =>
      attempt(async () => {
        const result = await api.call('connect', { link });
        get().contactReceived(result.contact);
        return result;
      }),
  });
