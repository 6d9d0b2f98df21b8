import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './createAppStore';
import type { AppState } from './types';

export const StoreContext = createContext<AppStore | null>(null);

/** Selects from the app store; views use this, presentational components never do. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreContext value={store}> above it');
  return useStore(store, selector);
}
