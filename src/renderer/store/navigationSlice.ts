import type { StateCreator } from 'zustand';
import type { AppState, NavigationSlice } from './types';

export const createNavigationSlice: StateCreator<AppState, [], [], NavigationSlice> = (set) => ({
  view: 'chats',
  // A "saved" notice belongs to the page it was shown on; it must not greet the next one.
  navigate: (view) =>
    set({ view, profileSave: { status: 'idle' }, settingsSave: { status: 'idle' } }),
});
