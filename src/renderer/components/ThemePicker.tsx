import type { ThemePreference } from '../../shared/models/settings';
import { optionTestId, testIds } from '../testIds';
import { RadioGroup, type RadioOption } from './RadioGroup';

const OPTIONS: readonly RadioOption<ThemePreference>[] = [
  {
    value: 'system',
    label: 'System',
    description: 'Follow your computer’s light or dark setting.',
  },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export interface ThemePickerProps {
  readonly value: ThemePreference;
  readonly onChange: (value: ThemePreference) => void;
}

export function ThemePicker({ value, onChange }: ThemePickerProps) {
  return (
    <RadioGroup
      legend="Theme"
      options={OPTIONS}
      value={value}
      onChange={onChange}
      testIdOf={(v) => optionTestId(testIds.themeOption, v)}
    />
  );
}
