// A question asked in place before something that cannot be undone: the safe answer takes focus,
// so Enter or Escape never destroys anything by accident.
import { useEffect, useRef, type ReactNode } from 'react';

export interface ConfirmInlineProps {
  readonly question: ReactNode;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly confirmTestId: string;
}

export function ConfirmInline(props: ConfirmInlineProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="group"
      aria-label="Confirm"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Only the question closes, not the dialog or page around it.
        e.preventDefault();
        e.stopPropagation();
        props.onCancel();
      }}
    >
      <p className="confirm__question">{props.question}</p>
      <div className="confirm__actions">
        <button
          ref={cancel}
          type="button"
          className="button button--secondary"
          onClick={props.onCancel}
        >
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          aria-disabled={props.busy}
          data-testid={props.confirmTestId}
          onClick={() => {
            if (!props.busy) props.onConfirm();
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </div>
  );
}
