// The window's layout: a skip link, an optional banner, the sidebar and the main pane.
import { useRef, type ReactNode } from 'react';
import { testIds } from '../testIds';

export interface AppFrameProps {
  readonly banner: ReactNode;
  readonly sidebar: ReactNode;
  readonly children: ReactNode;
}

export function AppFrame({ banner, sidebar, children }: AppFrameProps) {
  const main = useRef<HTMLElement>(null);
  return (
    <div className="app-frame" data-testid={testIds.appFrame}>
      {/* Focus is moved by script: following "#main" would replace the host token in the URL. */}
      <a
        className="skip-link"
        href="#main"
        data-testid={testIds.skipLink}
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to main content
      </a>
      {banner}
      <div className="app-frame__body">
        {sidebar}
        <main
          ref={main}
          id="main"
          className="main-pane"
          tabIndex={-1}
          data-testid={testIds.mainPane}
        >
          {children}
        </main>
      </div>
    </div>
  );
}
