// The ticks beside a sent message's time: a clock while sending, one tick once the server has
// it, two once the contact's device confirmed it, a warning when it could not be delivered.
import type { JSX } from 'react';
import type { ItemStatus } from '../../../shared/models/chats';
import { testIds } from '../../testIds';
import { AlertIcon, CheckIcon, ClockIcon, DoubleCheckIcon } from '../icons';

type SentStatus = Extract<ItemStatus, 'sending' | 'sent' | 'delivered' | 'error'>;

const LABELS: Readonly<Record<SentStatus, string>> = {
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  error: 'Not delivered',
};

const ICONS: Readonly<Record<SentStatus, () => JSX.Element>> = {
  sending: ClockIcon,
  sent: CheckIcon,
  delivered: DoubleCheckIcon,
  error: AlertIcon,
};

export function isSentStatus(status: ItemStatus): status is SentStatus {
  return status in LABELS;
}

export interface DeliveryStatusProps {
  readonly status: ItemStatus;
  /** Why delivery failed, read after "Not delivered". */
  readonly error: string | null;
}

export function DeliveryStatus({ status, error }: DeliveryStatusProps) {
  if (!isSentStatus(status)) return null;
  const Icon = ICONS[status];
  const label = status === 'error' && error ? `${LABELS.error}: ${error}` : LABELS[status];
  return (
    <span
      className={`ticks ticks--${status}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid={testIds.messageStatus}
      data-status={status}
    >
      <Icon />
    </span>
  );
}
