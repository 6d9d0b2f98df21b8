import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('focus', onChange);
  window.addEventListener('blur', onChange);
  return () => {
    window.removeEventListener('focus', onChange);
    window.removeEventListener('blur', onChange);
  };
}

const hasFocus = (): boolean => document.hasFocus();

/** Whether this window has focus (messages shown in an unfocused window are not "read"). */
export function useWindowFocused(): boolean {
  return useSyncExternalStore(subscribe, hasFocus);
}
