import type { StateCreator } from 'zustand';
import type { ApiClient } from '../api';
import { DEFAULT_SETTINGS, type Settings, type SettingsUpdate } from '../../shared/models/settings';
import { describeError } from './errors';
import type { AppState, SettingsSlice } from './types';

/** Undoes a refused update, except for keys that a later change has set again since. */
function revert(current: Settings, update: SettingsUpdate, before: Settings): Settings {
  const next = { ...current };
  for (const key of Object.keys(update) as (keyof SettingsUpdate)[]) {
    if (current[key] === update[key]) Object.assign(next, { [key]: before[key] });
  }
  return next;
}

export const createSettingsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], SettingsSlice> =>
  (set, get) => ({
    settings: DEFAULT_SETTINGS,
    settingsLoad: { status: 'idle' },
    settingsSave: { status: 'idle' },

    settingsReceived: (settings) => set({ settings }),

    async loadSettings() {
      const refreshing = get().settingsLoad.status === 'ready';
      if (!refreshing) set({ settingsLoad: { status: 'loading' } });
      try {
        set({ settings: await api.call('settings.get', {}), settingsLoad: { status: 'ready' } });
      } catch (e) {
        if (!refreshing) set({ settingsLoad: { status: 'error', message: describeError(e) } });
      }
    },

    async updateSettings(update) {
      // Settings take effect at once (a theme switch must not wait for a round trip); the
      // engine's answer is the truth afterwards.
      const before = get().settings;
      set({ settings: { ...before, ...update }, settingsSave: { status: 'saving' } });
      try {
        const settings = await api.call('settings.update', update);
        set({ settings, settingsSave: { status: 'saved' } });
        return true;
      } catch (e) {
        set((s) => ({
          settings: revert(s.settings, update, before),
          settingsSave: { status: 'error', message: describeError(e) },
        }));
        return false;
      }
    },
  });
