import type { Ref } from 'react';

export interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
  /** Shown under the field and tied to it with aria-describedby. */
  readonly hint?: string;
  /** When set, the field is marked invalid and the message is read with it. */
  readonly error?: string | undefined;
  readonly required?: boolean;
  readonly autoComplete?: string;
  readonly maxLength?: number;
  readonly testId: string;
  readonly errorTestId: string;
  readonly ref?: Ref<HTMLInputElement>;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, hint, error, required, testId, errorTestId } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? null : (
          <>
            {' '}
            <span className="field__optional">(optional)</span>
          </>
        )}
      </label>
      <input
        ref={props.ref}
        id={id}
        className="field__input"
        type="text"
        value={value}
        required={required}
        autoComplete={props.autoComplete ?? 'off'}
        maxLength={props.maxLength}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={testId}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error" data-testid={errorTestId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
