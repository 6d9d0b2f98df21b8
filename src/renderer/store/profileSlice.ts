import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import { describeError } from './errors';
import type { AppState, ProfileSlice } from './types';

export const createProfileSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ProfileSlice> =>
  (set, get) => ({
    profile: null,
    profileLoad: { status: 'idle' },
    profileSave: { status: 'idle' },

    profileReceived: (profile) => set({ profile }),

    async loadProfile() {
      // A refresh (after a reconnect) keeps showing what we have instead of a loading screen.
      const refreshing = get().profileLoad.status === 'ready';
      if (!refreshing) set({ profileLoad: { status: 'loading' } });
      try {
        const profile = await api.call('profile.get', {});
        set({ profile, profileLoad: { status: 'ready' } });
      } catch (e) {
        if (!refreshing) set({ profileLoad: { status: 'error', message: describeError(e) } });
      }
    },

    async createProfile(input) {
      set({ profileSave: { status: 'saving' } });
      try {
        const profile = await api.call('profile.create', input);
        set({ profile, profileSave: { status: 'saved' } });
        return true;
      } catch (e) {
        set({ profileSave: { status: 'error', message: describeError(e) } });
        return false;
      }
    },

    async updateProfile(input) {
      set({ profileSave: { status: 'saving' } });
      try {
        const profile = await api.call('profile.update', input);
        set({ profile, profileSave: { status: 'saved' } });
        return true;
      } catch (e) {
        set({ profileSave: { status: 'error', message: describeError(e) } });
        return false;
      }
    },
  });
