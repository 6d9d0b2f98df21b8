import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { resolveTheme } from '../../../src/renderer/theme/resolve';
import { useAppliedTheme } from '../../../src/renderer/theme/useAppliedTheme';
import type { ThemePreference } from '../../../src/shared/models/settings';
import { setSystemDark } from '../support/matchMedia';

describe('resolveTheme', () => {
  it.each([
    ['system', false, 'light'],
    ['system', true, 'dark'],
    ['light', true, 'light'],
    ['light', false, 'light'],
    ['dark', false, 'dark'],
    ['dark', true, 'dark'],
  ] as const)('%s with a dark system = %s gives %s', (preference, systemDark, theme) => {
    expect(resolveTheme(preference, systemDark)).toBe(theme);
  });
});

describe('useAppliedTheme', () => {
  const theme = () => document.documentElement.dataset['theme'];

  it('follows the system while the preference is "system"', () => {
    renderHook(() => useAppliedTheme('system'));
    expect(theme()).toBe('light');
    act(() => setSystemDark(true));
    expect(theme()).toBe('dark');
    act(() => setSystemDark(false));
    expect(theme()).toBe('light');
  });

  it('keeps an override whatever the system does', () => {
    const { rerender } = renderHook(
      ({ pref }: { pref: ThemePreference }) => useAppliedTheme(pref),
      {
        initialProps: { pref: 'dark' },
      },
    );
    expect(theme()).toBe('dark');
    act(() => setSystemDark(false));
    expect(theme()).toBe('dark');

    rerender({ pref: 'light' });
    act(() => setSystemDark(true));
    expect(theme()).toBe('light');

    rerender({ pref: 'system' });
    expect(theme()).toBe('dark');
  });
});
