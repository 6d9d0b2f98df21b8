// Puts the resolved theme on <html data-theme>, which the style sheets key their colours on, and
// follows the system's preference live while the user has chosen "system".
import { useEffect, useSyncExternalStore } from 'react';
import type { ThemePreference } from '../../shared/models/settings';
import { DARK_QUERY, resolveTheme, type Theme } from './resolve';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const systemPrefersDark = (): boolean => window.matchMedia(DARK_QUERY).matches;

export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribe, systemPrefersDark);
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset['theme'] = theme;
}

export function useAppliedTheme(preference: ThemePreference): Theme {
  const theme = resolveTheme(preference, useSystemPrefersDark());
  useEffect(() => applyTheme(theme), [theme]);
  return theme;
}
