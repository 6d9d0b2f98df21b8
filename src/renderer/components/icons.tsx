// Small line icons drawn in the text colour. Decorative: the control or text beside each one
// carries its meaning for screen readers.
import type { ReactNode } from 'react';

function Icon({
  children,
  className,
}: {
  readonly children: ReactNode;
  readonly className?: string;
}) {
  return (
    <svg
      className={['icon', className].filter(Boolean).join(' ')}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const CheckIcon = () => (
  <Icon>
    <path d="M2.5 8.5l3.5 3.5 7-8" />
  </Icon>
);

export const DoubleCheckIcon = () => (
  <Icon className="icon--wide">
    <path d="M0.5 8.5l3.5 3.5 7-8M7 11.5l0.5 0.5 7-8" />
  </Icon>
);

export const ClockIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 4.5V8l2.5 1.5" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 4.5v4M8 11.2v0.1" />
  </Icon>
);

export const BellOffIcon = () => (
  <Icon>
    <path d="M4 11.5V7a4 4 0 0 1 6.5-3.1M12 6.5v5M2.5 11.5h11M6.5 13.5h3M2 2l12 12" />
  </Icon>
);

export const BellIcon = () => (
  <Icon>
    <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5M2.5 11.5h11M6.5 13.5h3" />
  </Icon>
);

export const MoreIcon = () => (
  <Icon>
    <path d="M3.5 8h0.1M8 8h0.1M12.5 8h0.1" strokeWidth="2.6" />
  </Icon>
);

export const SendIcon = () => (
  <Icon>
    <path d="M2 8h10M8.5 3.5L13 8l-4.5 4.5" />
  </Icon>
);

export const PlusIcon = () => (
  <Icon>
    <path d="M8 3v10M3 8h10" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" />
  </Icon>
);

export const ArrowDownIcon = () => (
  <Icon>
    <path d="M8 3v10M3.5 8.5L8 13l4.5-4.5" />
  </Icon>
);
