// Who a direct chat is with: their profile, whether the connection is up, how it was made, and
// deleting the contact (after asking).
import { useState } from 'react';
import type { ContactView } from '../../shared/models/contacts';
import type { ActionResult } from '../store';
import { testIds } from '../testIds';
import { Avatar } from './Avatar';
import { ConfirmInline } from './ConfirmInline';
import { CloseIcon } from './icons';
import { StatusRegion } from './StatusRegion';

const STATUS: Readonly<Record<ContactView['status'], string>> = {
  connecting: 'Connecting — waiting for them to accept',
  active: 'Connected',
  deleted: 'They deleted this contact',
  failed: 'Connection failed',
};

const VIA: Readonly<Record<ContactView['via'], string>> = {
  address: 'You connected through their address',
  request: 'They connected through your address',
  invitation: 'Connected with a one-time invitation',
  group: 'You met in a group',
};

export interface ContactInfoProps {
  readonly id: string;
  readonly contact: ContactView;
  readonly onClose: () => void;
  readonly onDelete: () => Promise<ActionResult>;
}

export function ContactInfo({ id, contact, onClose, onDelete }: ContactInfoProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const since = new Date(contact.createdAt).toLocaleDateString(undefined, { dateStyle: 'long' });

  return (
    <aside
      id={id}
      className="contact-info"
      aria-label="Contact info"
      data-testid={testIds.contactInfo}
    >
      <header className="contact-info__header">
        <h2 className="contact-info__heading">Contact info</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close contact info"
          data-testid={testIds.contactInfoClose}
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="contact-info__profile">
        <Avatar name={contact.displayName} image={contact.image} size="large" />
        <p className="contact-info__name">{contact.displayName}</p>
        {contact.fullName ? <p className="contact-info__full-name">{contact.fullName}</p> : null}
      </div>
      <dl className="contact-info__facts">
        <dt>Status</dt>
        <dd data-testid={testIds.contactStatus} data-status={contact.status}>
          {STATUS[contact.status]}
        </dd>
        <dt>How you connected</dt>
        <dd data-testid={testIds.contactVia}>{VIA[contact.via]}</dd>
        <dt>Contact since</dt>
        <dd>{since}</dd>
      </dl>
      {contact.status === 'failed' ? (
        <p className="contact-info__hint" data-testid={testIds.contactFailedHint}>
          The link was probably used already or deleted. Delete this contact and ask{' '}
          {contact.displayName || 'them'} for a new link.
        </p>
      ) : null}
      {confirming ? (
        <ConfirmInline
          question={`Delete ${contact.displayName}? The conversation is deleted too, and they can no longer message you.`}
          confirmLabel="Delete contact"
          busy={busy}
          confirmTestId={testIds.contactDeleteConfirm}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setBusy(true);
            setError(null);
            void onDelete().then((result) => {
              setBusy(false);
              if (!result.ok) setError(result.message);
            });
          }}
        />
      ) : (
        <button
          type="button"
          className="button button--danger-quiet"
          data-testid={testIds.contactDelete}
          onClick={() => setConfirming(true)}
        >
          Delete contact…
        </button>
      )}
      <StatusRegion
        notice={error ? { tone: 'error', text: error } : null}
        testId={testIds.contactInfoStatus}
      />
    </aside>
  );
}
