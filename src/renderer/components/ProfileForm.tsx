// Creating and editing a profile. The draft lives here until it is submitted; the rules are the
// contract's (../forms/profileDraft.ts), and a field shows its message once it has been left or
// the form has been submitted, so nobody is scolded while still typing.
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  fieldError,
  hasErrors,
  validateDraft,
  type ProfileDraft,
  type ProfileField,
} from '../forms/profileDraft';
import { testIds } from '../testIds';
import { AvatarPicker } from './AvatarPicker';
import { StatusRegion, type StatusNotice } from './StatusRegion';
import { TextField } from './TextField';

export interface ProfileFormProps {
  readonly initial: ProfileDraft;
  readonly submitLabel: string;
  readonly busy: boolean;
  /** The outcome of the last submit (saving, saved, or the engine's error). */
  readonly notice: StatusNotice | null;
  readonly onSubmit: (draft: ProfileDraft) => void;
  /** Turns a picked file into a data URI the engine accepts (see ../avatar/resize.ts). */
  readonly prepareAvatar: (file: File) => Promise<string>;
}

type AvatarWork =
  | { readonly status: 'idle'; readonly notice: StatusNotice | null }
  | { readonly status: 'working' };

export function ProfileForm(props: ProfileFormProps) {
  const { busy, notice, prepareAvatar } = props;
  const id = useId();
  const [draft, setDraft] = useState(props.initial);
  const [touched, setTouched] = useState<ReadonlySet<ProfileField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [avatar, setAvatar] = useState<AvatarWork>({ status: 'idle', notice: null });
  const pickCount = useRef(0);
  const inputs = {
    displayName: useRef<HTMLInputElement>(null),
    fullName: useRef<HTMLInputElement>(null),
  };

  const shownError = (field: ProfileField): string | undefined =>
    submitted || touched.has(field) ? fieldError(field, draft[field]) : undefined;

  const edit = (field: ProfileField) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const leave = (field: ProfileField) => () => setTouched((t) => new Set(t).add(field));

  const pick = (file: File): void => {
    // Only the latest pick may land, however the decodes finish.
    const pick = ++pickCount.current;
    setAvatar({ status: 'working' });
    prepareAvatar(file).then(
      (image) => {
        if (pick !== pickCount.current) return;
        setDraft((d) => ({ ...d, image }));
        setAvatar({ status: 'idle', notice: { tone: 'info', text: 'Picture ready.' } });
      },
      (e: unknown) => {
        if (pick !== pickCount.current) return;
        const text = e instanceof Error ? e.message : 'This picture could not be used.';
        setAvatar({ status: 'idle', notice: { tone: 'error', text } });
      },
    );
  };

  const remove = (): void => {
    pickCount.current++;
    setDraft((d) => ({ ...d, image: null }));
    setAvatar({ status: 'idle', notice: { tone: 'info', text: 'Picture removed.' } });
  };

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (busy || avatar.status === 'working') return;
    setSubmitted(true);
    const errors = validateDraft(draft);
    if (hasErrors(errors)) {
      const first = errors.displayName ? inputs.displayName : inputs.fullName;
      first.current?.focus();
      return;
    }
    props.onSubmit({
      displayName: draft.displayName.trim(),
      fullName: draft.fullName.trim(),
      image: draft.image,
    });
  };

  const working = busy || avatar.status === 'working';
  return (
    <form
      className="profile-form"
      noValidate
      aria-busy={working}
      data-testid={testIds.profileForm}
      onSubmit={submit}
    >
      <TextField
        ref={inputs.displayName}
        id={`${id}-display-name`}
        label="Display name"
        hint="How others see you in chats."
        value={draft.displayName}
        required
        autoComplete="nickname"
        error={shownError('displayName')}
        testId={testIds.displayNameInput}
        errorTestId={testIds.displayNameError}
        onChange={edit('displayName')}
        onBlur={leave('displayName')}
      />
      <TextField
        ref={inputs.fullName}
        id={`${id}-full-name`}
        label="Full name"
        value={draft.fullName}
        autoComplete="name"
        error={shownError('fullName')}
        testId={testIds.fullNameInput}
        errorTestId={testIds.fullNameError}
        onChange={edit('fullName')}
        onBlur={leave('fullName')}
      />
      <AvatarPicker
        name={draft.displayName}
        image={draft.image}
        busy={avatar.status === 'working'}
        notice={
          avatar.status === 'working' ? { tone: 'info', text: 'Preparing picture…' } : avatar.notice
        }
        onPick={pick}
        onRemove={remove}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={working}
          data-testid={testIds.profileSubmit}
        >
          {props.submitLabel}
        </button>
        <StatusRegion notice={notice} testId={testIds.profileStatus} />
      </div>
    </form>
  );
}
