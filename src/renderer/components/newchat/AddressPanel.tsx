// The person's own address: a long-lived link anyone can use to send a contact request. Created on
// request, shown as a QR code and a link, with a choice to accept requests automatically, and
// deleted only after asking (the contacts made through it stay).
import { useId, useState } from 'react';
import type { AddressView } from '../../../shared/models/contacts';
import type { ActionResult, LoadState } from '../../store';
import { testIds } from '../../testIds';
import { ConfirmInline } from '../ConfirmInline';
import { StatusRegion } from '../StatusRegion';
import { LinkShare } from './LinkShare';

export interface AddressPanelProps {
  readonly address: AddressView | null;
  readonly load: LoadState;
  readonly onCreate: () => Promise<ActionResult>;
  readonly onDelete: () => Promise<ActionResult>;
  readonly onSetAutoAccept: (autoAccept: boolean) => Promise<ActionResult>;
}

export function AddressPanel({
  address,
  load,
  onCreate,
  onDelete,
  onSetAutoAccept,
}: AddressPanelProps) {
  const autoAcceptId = useId();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = (action: () => Promise<ActionResult>, after?: () => void): void => {
    setBusy(true);
    setError(null);
    void action().then((result) => {
      setBusy(false);
      if (result.ok) after?.();
      else setError(result.message);
    });
  };

  const status = (
    <StatusRegion
      notice={
        busy ? { tone: 'info', text: 'Working…' } : error ? { tone: 'error', text: error } : null
      }
      testId={testIds.addressStatus}
    />
  );

  if (load.status === 'loading' || load.status === 'idle') {
    return <p className="new-chat__panel loading">Loading your address…</p>;
  }

  if (!address) {
    return (
      <div className="new-chat__panel">
        <p className="field__hint">
          {load.status === 'error'
            ? load.message
            : 'Your address is a link you can share anywhere. People who have it can ask to chat with you; you decide whom to accept.'}
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy}
            data-testid={testIds.addressCreate}
            onClick={() => !busy && run(onCreate)}
          >
            Create my address
          </button>
        </div>
        {status}
      </div>
    );
  }

  const link = address.shortLink ?? address.link;
  return (
    <div className="new-chat__panel">
      <p className="field__hint">
        Share this with people you want to hear from. Each of them can send you a contact request.
      </p>
      <LinkShare
        link={link}
        what="your address"
        testIds={{
          qr: testIds.addressQr,
          link: testIds.addressLink,
          copy: testIds.addressCopy,
          copyStatus: testIds.addressCopyStatus,
        }}
      />
      <div className="checkbox">
        <input
          id={autoAcceptId}
          type="checkbox"
          checked={address.autoAccept}
          disabled={busy}
          data-testid={testIds.addressAutoAccept}
          onChange={(e) => run(() => onSetAutoAccept(e.target.checked))}
        />
        <label htmlFor={autoAcceptId}>Accept contact requests automatically</label>
      </div>
      {confirming ? (
        <ConfirmInline
          question="Delete your address? Nobody can send you new requests through it. Your contacts stay."
          confirmLabel="Delete address"
          busy={busy}
          confirmTestId={testIds.addressDeleteConfirm}
          onCancel={() => setConfirming(false)}
          onConfirm={() => run(onDelete, () => setConfirming(false))}
        />
      ) : (
        <button
          type="button"
          className="button button--danger-quiet"
          data-testid={testIds.addressDelete}
          onClick={() => setConfirming(true)}
        >
          Delete address…
        </button>
      )}
      {status}
    </div>
  );
}
