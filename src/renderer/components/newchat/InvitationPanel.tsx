// A one-time invitation: a link that connects exactly one person, then stops working.
import { useState } from 'react';
import type { InvitationView } from '../../../shared/models/contacts';
import type { ActionResult } from '../../store';
import { testIds } from '../../testIds';
import { StatusRegion } from '../StatusRegion';
import { LinkShare } from './LinkShare';

export interface InvitationPanelProps {
  readonly invitation: InvitationView | null;
  readonly onCreate: () => Promise<ActionResult>;
}

export function InvitationPanel({ invitation, onCreate }: InvitationPanelProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = (): void => {
    if (busy) return;
    setBusy(true);
    setError(null);
    void onCreate().then((result) => {
      setBusy(false);
      if (!result.ok) setError(result.message);
    });
  };

  return (
    <div className="new-chat__panel">
      <p className="field__hint">
        A one-time link connects one person and then stops working. Give it to them in person or
        over a channel you trust.
      </p>
      {invitation ? (
        <LinkShare
          link={invitation.shortLink ?? invitation.link}
          what="this invitation"
          testIds={{
            qr: testIds.invitationQr,
            link: testIds.invitationLink,
            copy: testIds.invitationCopy,
            copyStatus: testIds.invitationCopyStatus,
          }}
        />
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className={`button ${invitation ? 'button--secondary' : 'button--primary'}`}
          aria-disabled={busy}
          data-testid={testIds.invitationCreate}
          onClick={create}
        >
          {invitation ? 'Create another invitation' : 'Create invitation'}
        </button>
      </div>
      <StatusRegion
        notice={
          busy ? { tone: 'info', text: 'Creating…' } : error ? { tone: 'error', text: error } : null
        }
        testId={testIds.invitationStatus}
      />
    </div>
  );
}
