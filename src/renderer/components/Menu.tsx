// A menu button: the button opens a list of actions, focus moves into it, the arrow keys, Home
// and End move between the items, Escape closes it and gives focus back to the button, and a
// click outside or Tab away closes it (the WAI-ARIA menu button pattern).
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

const CloseMenu = createContext<() => void>(() => {});

export interface MenuProps {
  /** Names the button and the menu for screen readers. */
  readonly label: string;
  readonly button: ReactNode;
  readonly buttonClassName?: string;
  readonly buttonTestId: string;
  readonly menuTestId: string;
  readonly onOpenChange?: (open: boolean) => void;
  readonly children: ReactNode;
}

const MOVES: Readonly<Record<string, (index: number, count: number) => number>> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

export function Menu(props: MenuProps) {
  const { onOpenChange } = props;
  const [open, setOpen] = useState<null | 'up' | 'down'>(null);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items = (): HTMLElement[] =>
    Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  const close = (refocus: boolean): void => {
    setOpen(null);
    onOpenChange?.(false);
    if (refocus) button.current?.focus();
  };

  const show = (): void => {
    // Near the bottom of the window the menu opens upwards, so it is not cut off.
    const rect = button.current?.getBoundingClientRect();
    const up = rect !== undefined && rect.bottom > window.innerHeight * 0.55;
    setOpen(up ? 'up' : 'down');
    onOpenChange?.(true);
  };

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointerDown = (e: PointerEvent): void => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) {
        setOpen(null);
        onOpenChange?.(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, onOpenChange]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    if (e.key === 'Tab') {
      close(false);
      return;
    }
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    all[move(Math.max(index, 0), all.length)]?.focus();
  };

  return (
    <div className="menu">
      <button
        ref={button}
        type="button"
        className={props.buttonClassName}
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        data-testid={props.buttonTestId}
        onClick={() => (open ? close(false) : show())}
      >
        {props.button}
      </button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={props.label}
          className={`menu__popup menu__popup--${open}`}
          data-testid={props.menuTestId}
          onKeyDown={onKeyDown}
        >
          <CloseMenu value={() => close(true)}>{props.children}</CloseMenu>
        </div>
      ) : null}
    </div>
  );
}

export interface MenuItemProps {
  readonly onSelect: () => void;
  readonly children: ReactNode;
  readonly label?: string;
  readonly className?: string;
  readonly testId: string;
}

/** One action; choosing it closes the menu first, so focus is back on the button. */
export function MenuItem({ onSelect, children, label, className, testId }: MenuItemProps) {
  const close = useContext(CloseMenu);
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-label={label}
      className={['menu__item', className].filter(Boolean).join(' ')}
      data-testid={testId}
      onClick={() => {
        close();
        onSelect();
      }}
    >
      {children}
    </button>
  );
}
