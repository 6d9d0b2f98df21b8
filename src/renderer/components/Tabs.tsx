// Tabs with automatic activation: one tab stop for the tab list, arrow keys (and Home/End) move
// between tabs and show each tab's panel at once.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly testId: string;
}

export interface TabsProps<K extends string> {
  readonly label: string;
  readonly tabs: readonly TabSpec<K>[];
  readonly selected: K;
  readonly onSelect: (key: K) => void;
  /** The selected tab's panel. */
  readonly children: ReactNode;
}

export function Tabs<K extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
}: TabsProps<K>) {
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(
    tabs.findIndex((t) => t.key === selected),
    0,
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = moves[e.key];
    const tab = next === undefined ? undefined : tabs[next];
    if (next === undefined || !tab) return;
    e.preventDefault();
    onSelect(tab.key);
    buttons.current[next]?.focus();
  };

  return (
    <div className="tabs">
      <div className="tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.key}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            id={`${base}-tab-${tab.key}`}
            type="button"
            role="tab"
            className="tabs__tab"
            aria-selected={tab.key === selected}
            aria-controls={`${base}-panel`}
            tabIndex={tab.key === selected ? 0 : -1}
            data-testid={tab.testId}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        className="tabs__panel"
        role="tabpanel"
        aria-labelledby={`${base}-tab-${selected}`}
      >
        {children}
      </div>
    </div>
  );
}
