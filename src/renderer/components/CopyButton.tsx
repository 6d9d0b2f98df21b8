// Copies a text to the clipboard and says whether it worked (the clipboard can be refused).
import { useState } from 'react';
import { StatusRegion } from './StatusRegion';

export interface CopyButtonProps {
  readonly text: string;
  readonly label: string;
  readonly testId: string;
  readonly statusTestId: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyButton({ text, label, testId, statusTestId }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = (): void => {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) return setState('failed');
    clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <div className="copy">
      <button
        type="button"
        className="button button--secondary"
        data-testid={testId}
        onClick={copy}
      >
        {label}
      </button>
      <StatusRegion
        testId={statusTestId}
        notice={
          state === 'copied'
            ? { tone: 'success', text: 'Copied.' }
            : state === 'failed'
              ? { tone: 'error', text: 'Could not copy. Select the link and copy it yourself.' }
              : null
        }
      />
    </div>
  );
}
