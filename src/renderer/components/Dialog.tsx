// A modal dialog: labelled by its title, keeps keyboard focus inside while open (Tab and
// Shift+Tab wrap around), closes with Escape or a click on the backdrop, and gives focus back
// to whatever had it before it opened.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { CloseIcon } from './icons';

export interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId: string;
  readonly closeTestId: string;
  /** What takes focus when the dialog opens; the first focusable element otherwise. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
}

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'textarea:not([disabled])',
  'select:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

export function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.closest('[hidden],[inert]'),
  );
}

/** Keeps Tab and Shift+Tab inside `root`, wrapping around at either end. */
function trapTab(root: HTMLElement, e: KeyboardEvent): void {
  const all = focusableIn(root);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return;
  const inside = root.contains(document.activeElement);
  if (e.shiftKey && (document.activeElement === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}

export function Dialog({
  title,
  onClose,
  children,
  testId,
  closeTestId,
  initialFocus,
}: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = panel.current;
    const first = initialFocus?.current ?? (root ? focusableIn(root)[0] : undefined);
    (first ?? root)?.focus();
    return () => before?.focus();
    // Runs once per opening: focus is placed when the dialog appears and restored when it goes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Listened for on the document, not the panel: when the focused control goes away (a button
  // replaced by what it created), focus falls to <body>, and the keys must still work.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const root = panel.current;
      if (!root || e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      } else if (e.key === 'Tab') {
        trapTab(root, e);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        // Only a press on the backdrop itself, not a drag that started inside and ended here.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={panel}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
      >
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button
            type="button"
            className="icon-button"
            aria-label="Close"
            data-testid={closeTestId}
            onClick={onClose}
          >
            <CloseIcon />
          </button>
        </header>
        <div className="dialog__body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
