import { useId } from 'react';
import type { NotificationPreview } from '../../shared/models/settings';
import { optionTestId, testIds } from '../testIds';
import { RadioGroup, type RadioOption } from './RadioGroup';

const PREVIEWS: readonly RadioOption<NotificationPreview>[] = [
  { value: 'message', label: 'Sender and message' },
  { value: 'sender', label: 'Sender only' },
  { value: 'none', label: 'Nothing', description: 'Only that a new message arrived.' },
];

export interface NotificationSettingsProps {
  readonly enabled: boolean;
  readonly preview: NotificationPreview;
  readonly onEnabledChange: (enabled: boolean) => void;
  readonly onPreviewChange: (preview: NotificationPreview) => void;
}

export function NotificationSettings(props: NotificationSettingsProps) {
  const id = useId();
  return (
    <div className="notification-settings">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={props.enabled}
          data-testid={testIds.notificationsEnabled}
          onChange={(e) => props.onEnabledChange(e.target.checked)}
        />
        <label htmlFor={id}>Show desktop notifications</label>
      </div>
      <RadioGroup
        legend="Notifications show"
        options={PREVIEWS}
        value={props.preview}
        disabled={!props.enabled}
        onChange={props.onPreviewChange}
        testIdOf={(v) => optionTestId(testIds.previewOption, v)}
      />
    </div>
  );
}
