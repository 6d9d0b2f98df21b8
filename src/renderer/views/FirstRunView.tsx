import { CardScreen } from '../components/Screen';
import { ProfileForm } from '../components/ProfileForm';
import { EMPTY_DRAFT } from '../forms/profileDraft';
import { useAppStore } from '../store';
import { testIds } from '../testIds';
import { saveNotice } from './notices';
import { resizeAvatar } from '../avatar/resize';

export interface FirstRunViewProps {
  /** Called once the profile exists, so the next screen can take focus. */
  readonly onCreated: () => void;
}

export function FirstRunView({ onCreated }: FirstRunViewProps) {
  const createProfile = useAppStore((s) => s.createProfile);
  const save = useAppStore((s) => s.profileSave);
  return (
    <CardScreen title="Welcome to Conclave" testId={testIds.firstRun}>
      <p className="card__lead">
        Create your profile to start. It stays on this computer and is shared only with the people
        you chat with.
      </p>
      <ProfileForm
        initial={EMPTY_DRAFT}
        submitLabel="Create profile"
        busy={save.status === 'saving'}
        notice={saveNotice(save, 'Profile created.')}
        prepareAvatar={resizeAvatar}
        onSubmit={(draft) => {
          void createProfile(draft).then((created) => created && onCreated());
        }}
      />
    </CardScreen>
  );
}
