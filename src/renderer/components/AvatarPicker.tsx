import { useId } from 'react';
import { testIds } from '../testIds';
import { Avatar } from './Avatar';
import { StatusRegion, type StatusNotice } from './StatusRegion';

export interface AvatarPickerProps {
  readonly name: string;
  readonly image: string | null;
  readonly busy: boolean;
  readonly notice: StatusNotice | null;
  readonly onPick: (file: File) => void;
  readonly onRemove: () => void;
}

/** Accepted source formats; whatever is picked is re-encoded to fit the engine's limit. */
const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,image/bmp';

export function AvatarPicker({ name, image, busy, notice, onPick, onRemove }: AvatarPickerProps) {
  const inputId = useId();
  return (
    <fieldset className="avatar-picker" aria-busy={busy}>
      <legend className="field__label">Profile picture</legend>
      <div className="avatar-picker__row">
        <Avatar
          name={name}
          image={image}
          size="large"
          alt={image ? 'Your profile picture' : ''}
          testId={testIds.avatarPreview}
        />
        <div className="avatar-picker__actions">
          {/* The input is visually hidden but stays in the tab order; its label is the button. */}
          <input
            id={inputId}
            className="visually-hidden file-input"
            type="file"
            accept={ACCEPT}
            data-testid={testIds.avatarInput}
            onChange={(e) => {
              const file = e.target.files?.[0];
              // Cleared so that picking the same file again still counts as a change.
              e.target.value = '';
              if (file) onPick(file);
            }}
          />
          <label htmlFor={inputId} className="button button--secondary">
            {image ? 'Change picture…' : 'Choose picture…'}
          </label>
          {image ? (
            <button
              type="button"
              className="button button--quiet"
              data-testid={testIds.avatarRemove}
              onClick={onRemove}
            >
              Remove picture
            </button>
          ) : null}
        </div>
      </div>
      <StatusRegion notice={notice} testId={testIds.avatarStatus} />
    </fieldset>
  );
}
