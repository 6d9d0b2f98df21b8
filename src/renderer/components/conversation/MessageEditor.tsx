// Editing one's own message in place: Enter saves, Shift+Enter starts a new line, Escape cancels.
import { useId, useState, type FormEvent } from 'react';
import type { ActionResult } from '../../store';
import { testIds } from '../../testIds';
import { canSend, isSendKey, messageTextError } from './messageText';

export interface MessageEditorProps {
  readonly initial: string;
  readonly onSave: (text: string) => Promise<ActionResult>;
  readonly onCancel: () => void;
}

export function MessageEditor({ initial, onSave, onCancel }: MessageEditorProps) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownError = error ?? messageTextError(text);

  const save = (e?: FormEvent): void => {
    e?.preventDefault();
    if (saving || !canSend(text)) return;
    if (text === initial) return onCancel();
    setSaving(true);
    setError(null);
    void onSave(text).then((result) => {
      setSaving(false);
      if (result.ok) onCancel();
      else setError(result.message);
    });
  };

  return (
    <form className="message-editor" onSubmit={save} aria-busy={saving}>
      <label htmlFor={id} className="visually-hidden">
        Edit message
      </label>
      <textarea
        id={id}
        className="message-editor__input"
        value={text}
        rows={2}
        // The editor only opens on request, so taking focus is what the person asked for.
        autoFocus
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? `${id}-error` : undefined}
        data-testid={testIds.editInput}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          } else if (isSendKey(e)) {
            e.preventDefault();
            save();
          }
        }}
      />
      {shownError ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {shownError}
        </p>
      ) : null}
      <div className="message-editor__actions">
        <button
          type="button"
          className="button button--quiet button--small"
          data-testid={testIds.editCancel}
          onClick={onCancel}
        >
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary button--small"
          aria-disabled={saving || !canSend(text)}
          data-testid={testIds.editSave}
        >
          Save
        </button>
      </div>
    </form>
  );
}
