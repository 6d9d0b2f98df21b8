// jsdom has no matchMedia. This one answers `(prefers-color-scheme: dark)` from a switch the tests
// flip, and notifies listeners the way a browser does when the system theme changes.
type Listener = (event: MediaQueryListEvent) => void;

const DARK = '(prefers-color-scheme: dark)';
let systemDark = false;
const listeners = new Set<{ query: string; listener: Listener }>();

function matches(query: string): boolean {
  return query === DARK ? systemDark : false;
}

export function installMatchMedia(): void {
  systemDark = false;
  listeners.clear();
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      media: query,
      get matches() {
        return matches(query);
      },
      onchange: null,
      addEventListener: (_type: string, listener: Listener) => listeners.add({ query, listener }),
      removeEventListener: (_type: string, listener: Listener) => {
        for (const entry of listeners) if (entry.listener === listener) listeners.delete(entry);
      },
      addListener: (listener: Listener) => listeners.add({ query, listener }),
      removeListener: (listener: Listener) => {
        for (const entry of listeners) if (entry.listener === listener) listeners.delete(entry);
      },
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList;
}

/** Switches the pretend system theme and tells every listener of the dark-scheme query. */
export function setSystemDark(dark: boolean): void {
  systemDark = dark;
  for (const { query, listener } of [...listeners]) {
    if (query === DARK) listener({ matches: dark, media: query } as MediaQueryListEvent);
  }
}
