// Connecting through someone's link: their address (a request is sent) or a one-time invitation.
// The link's shape is checked here, so a typo is caught before anything is sent.
import { useId, useState, type FormEvent } from 'react';
import type { ConnectResult } from '../../../shared/models/contacts';
import { recognizeSimplexLink } from '../../../shared/links/simplex';
import type { ActionResult } from '../../store';
import { testIds } from '../../testIds';
import { StatusRegion, type StatusNotice } from '../StatusRegion';

export interface PasteLinkPanelProps {
  readonly initialLink: string;
  readonly onConnect: (link: string) => Promise<ActionResult<ConnectResult>>;
  readonly onOpenChat: (chatId: string) => void;
}

const CONNECTABLE = new Set(['invitation', 'contact', 'address']);

/** Why this text cannot be connected to, or null when it looks like a link we can use. */
export function linkError(text: string): string | null {
  if (text.trim() === '') return 'Paste a SimpleX link first.';
  const shape = recognizeSimplexLink(text);
  if (!shape) {
    return 'This is not a SimpleX link. It starts with simplex:/ or https:// and has a # part.';
  }
  if (!CONNECTABLE.has(shape.kind)) {
    return 'This is a group or channel link. Groups come in a later version of Conclave.';
  }
  return null;
}

function resultNotice(result: ConnectResult): StatusNotice {
  // The profile of whoever is at the other end may not be known until they answer.
  const name = result.contact.displayName;
  return result.kind === 'address'
    ? {
        tone: 'success',
        text: `Request sent. You can chat once ${name ? `${name} accepts` : 'it is accepted'}.`,
      }
    : { tone: 'success', text: `Connecting to ${name || 'your contact'}…` };
}

export function PasteLinkPanel({ initialLink, onConnect, onOpenChat }: PasteLinkPanelProps) {
  const id = useId();
  const [link, setLink] = useState(initialLink);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectResult | null>(null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy) return;
    const problem = linkError(link);
    setError(problem);
    if (problem) return;
    setBusy(true);
    setResult(null);
    void onConnect(link.trim()).then((outcome) => {
      setBusy(false);
      if (outcome.ok) setResult(outcome.value);
      else setError(outcome.message);
    });
  };

  const notice: StatusNotice | null = busy
    ? { tone: 'info', text: 'Connecting…' }
    : error
      ? { tone: 'error', text: error }
      : result
        ? resultNotice(result)
        : null;

  return (
    <form className="new-chat__panel" onSubmit={submit} noValidate>
      <p className="field__hint">Paste the address or one-time invitation link someone gave you.</p>
      <div className="field">
        <label htmlFor={id} className="field__label">
          SimpleX link
        </label>
        <textarea
          id={id}
          className="field__input link-input"
          rows={3}
          value={link}
          spellCheck={false}
          autoComplete="off"
          placeholder="simplex:/contact#/?v=…"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-status`}
          data-testid={testIds.connectLinkInput}
          onChange={(e) => {
            setLink(e.target.value);
            setError(null);
            setResult(null);
          }}
        />
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={busy}
          data-testid={testIds.connectSubmit}
        >
          Connect
        </button>
        {result ? (
          <button
            type="button"
            className="button button--secondary"
            data-testid={testIds.connectOpenChat}
            onClick={() => onOpenChat(result.contact.chatId)}
          >
            Open chat
          </button>
        ) : null}
      </div>
      <div id={`${id}-status`}>
        <StatusRegion notice={notice} testId={testIds.connectStatus} />
      </div>
    </form>
  );
}
