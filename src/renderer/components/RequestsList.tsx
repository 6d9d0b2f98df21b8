// Contact requests that came through the person's address, each with the requester's profile and
// the two answers.
import { useState } from 'react';
import type { ContactRequestView } from '../../shared/models/contacts';
import { fullDateTime } from '../format/time';
import type { ActionResult } from '../store';
import { testIds } from '../testIds';
import { Avatar } from './Avatar';
import { StatusRegion } from './StatusRegion';

export interface RequestsListProps {
  readonly requests: readonly ContactRequestView[];
  readonly onAccept: (id: number) => Promise<ActionResult<unknown>>;
  readonly onReject: (id: number) => Promise<ActionResult>;
}

export function RequestsList({ requests, onAccept, onReject }: RequestsListProps) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const answer = (id: number, action: (id: number) => Promise<ActionResult<unknown>>): void => {
    if (busyId !== null) return;
    setBusyId(id);
    setError(null);
    void action(id).then((result) => {
      setBusyId(null);
      if (!result.ok) setError(result.message);
    });
  };

  return (
    <>
      {requests.length === 0 ? (
        <p className="page__lead">No requests are waiting.</p>
      ) : (
        <ul className="requests">
          {requests.map((r) => (
            <li
              key={r.id}
              className="request"
              data-testid={testIds.requestItem}
              aria-busy={busyId === r.id}
            >
              <Avatar name={r.displayName} image={r.image} size="small" />
              <div className="request__who">
                <p className="request__name">{r.displayName}</p>
                {r.fullName ? <p className="request__full-name">{r.fullName}</p> : null}
                <p className="request__time">
                  Asked <time dateTime={r.receivedAt}>{fullDateTime(r.receivedAt)}</time>
                </p>
              </div>
              <div className="request__actions">
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={`Reject ${r.displayName}`}
                  aria-disabled={busyId !== null}
                  data-testid={testIds.requestReject}
                  onClick={() => answer(r.id, onReject)}
                >
                  Reject
                </button>
                <button
                  type="button"
                  className="button button--primary"
                  aria-label={`Accept ${r.displayName}`}
                  aria-disabled={busyId !== null}
                  data-testid={testIds.requestAccept}
                  onClick={() => answer(r.id, onAccept)}
                >
                  Accept
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <StatusRegion
        notice={error ? { tone: 'error', text: error } : null}
        testId={testIds.requestsStatus}
      />
    </>
  );
}
