// A labelled group of radio buttons: native inputs, so arrow keys move between the options and
// only the chosen one is a tab stop.
import { useId } from 'react';

export interface RadioOption<V extends string> {
  readonly value: V;
  readonly label: string;
  readonly description?: string;
}

export interface RadioGroupProps<V extends string> {
  readonly legend: string;
  readonly options: readonly RadioOption<V>[];
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly disabled?: boolean;
  /** Each option's data-testid. */
  readonly testIdOf: (value: V) => string;
}

export function RadioGroup<V extends string>(props: RadioGroupProps<V>) {
  const name = useId();
  return (
    <fieldset className="radio-group" disabled={props.disabled}>
      <legend className="field__label">{props.legend}</legend>
      {props.options.map((option) => {
        const id = `${name}-${option.value}`;
        return (
          <div key={option.value} className="radio-group__option">
            <input
              id={id}
              type="radio"
              name={name}
              value={option.value}
              checked={props.value === option.value}
              aria-describedby={option.description ? `${id}-description` : undefined}
              data-testid={props.testIdOf(option.value)}
              onChange={() => props.onChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
            {option.description ? (
              <p id={`${id}-description`} className="field__hint radio-group__description">
                {option.description}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
