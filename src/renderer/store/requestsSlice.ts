import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import { attempt } from './attempt';
import type { RequestsSlice } from './chatTypes';
import type { AppState } from './types';

export const createRequestsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], RequestsSlice> =>
  (set, get) => ({
    requests: [],

    async loadRequests() {
      try {
        set({ requests: await api.call('requests.list', {}) });
      } catch {
        // Requests wait in the engine; they are read again on the next connection.
      }
    },

    requestReceived: (request) =>
      set((s) => {
        const index = s.requests.findIndex((r) => r.id === request.id);
        if (index < 0) return { requests: [...s.requests, request] };
        const requests = [...s.requests];
        requests[index] = request;
        return { requests };
      }),

    requestRemoved: (id) => set((s) => ({ requests: s.requests.filter((r) => r.id !== id) })),

    acceptRequest: (id) =>
      attempt(async () => {
        const contact = await api.call('requests.accept', { id });
        get().requestRemoved(id);
        get().contactReceived(contact);
        return contact;
      }),

    rejectRequest: (id) =>
      attempt(async () => {
        await api.call('requests.reject', { id });
        get().requestRemoved(id);
        return null;
      }),
  });
