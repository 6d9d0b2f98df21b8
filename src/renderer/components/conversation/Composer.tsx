// Writing a message: a text area that grows with its text, Enter to send, Shift+Enter for a new
// line. When the chat cannot take messages yet the composer says why instead of failing later,
// and a message that could not be sent stays in the box with the reason under it.
import { useId, useState, type FormEvent, type Ref } from 'react';
import type { ActionResult } from '../../store';
import { testIds } from '../../testIds';
import { SendIcon } from '../icons';
import { StatusRegion } from '../StatusRegion';
import { canSend, isSendKey, messageTextError } from './messageText';

export interface ComposerProps {
  /** Why nothing can be sent now; null when messages can be sent. */
  readonly disabledReason: string | null;
  readonly onSend: (text: string) => Promise<ActionResult>;
  readonly inputRef?: Ref<HTMLTextAreaElement>;
}

export function Composer({ disabledReason, onSend, inputRef }: ComposerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooLong = messageTextError(text);
  const disabled = disabledReason !== null;
  const sendable = !disabled && !sending && canSend(text);

  const send = (e?: FormEvent): void => {
    e?.preventDefault();
    if (!sendable) return;
    setSending(true);
    setError(null);
    void onSend(text).then((result) => {
      setSending(false);
      if (result.ok) setText('');
      else setError(result.message);
    });
  };

  const notice = tooLong ?? error;
  return (
    <form className="composer" onSubmit={send} aria-busy={sending} data-testid={testIds.composer}>
      {disabled ? (
        <p id={`${id}-reason`} className="composer__reason" data-testid={testIds.composerNotice}>
          {disabledReason}
        </p>
      ) : null}
      <div className="composer__row">
        <label htmlFor={id} className="visually-hidden">
          Message
        </label>
        <textarea
          ref={inputRef}
          id={id}
          className="composer__input"
          rows={1}
          value={text}
          placeholder={disabled ? '' : 'Write a message'}
          disabled={disabled}
          aria-describedby={disabled ? `${id}-reason` : undefined}
          aria-invalid={tooLong ? true : undefined}
          aria-keyshortcuts="Enter"
          data-testid={testIds.composerInput}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (!isSendKey(e)) return;
            e.preventDefault();
            send();
          }}
        />
        <button
          type="submit"
          className="composer__send icon-button icon-button--primary"
          aria-label="Send"
          title="Send (Enter)"
          aria-disabled={!sendable}
          disabled={disabled}
          data-testid={testIds.composerSend}
        >
          <SendIcon />
        </button>
      </div>
      <StatusRegion
        notice={notice ? { tone: 'error', text: notice } : null}
        testId={testIds.composerStatus}
        className="composer__status"
      />
    </form>
  );
}
