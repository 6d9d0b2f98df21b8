import { useEffect, useRef, type ReactNode } from 'react';

export interface PageHeaderProps {
  readonly title: string;
  /** Moves focus to the heading when the page opens, so keyboard and screen reader users land here. */
  readonly focusOnMount?: boolean;
  /** Controls shown beside the title, such as a close button. */
  readonly actions?: ReactNode;
}

export function PageHeader({ title, focusOnMount = false, actions }: PageHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <header className="page-header">
      <h1 ref={heading} className="page-header__title" tabIndex={-1}>
        {title}
      </h1>
      {actions}
    </header>
  );
}
