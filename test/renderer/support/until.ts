import type { AppState, AppStore } from '../../../src/renderer/store';

/** Resolves when the store's state satisfies `done` (checked now and after every change). */
export function until<T>(
  store: AppStore,
  done: (s: AppState) => T | undefined | false,
): Promise<T> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const value = done(store.getState());
      if (value === undefined || value === false) return false;
      resolve(value);
      return true;
    };
    if (check()) return;
    const off = store.subscribe(() => {
      if (check()) off();
    });
  });
}
