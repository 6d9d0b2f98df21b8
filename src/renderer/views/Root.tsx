// Chooses the screen: loading, a load error, the first-run profile form, or the app itself. The
// theme is applied on every screen.
import { useState } from 'react';
import { LoadErrorScreen, LoadingScreen } from '../components/Screen';
import { useAppStore } from '../store';
import { useAppliedTheme } from '../theme/useAppliedTheme';
import { FirstRunView } from './FirstRunView';
import { ShellView } from './ShellView';

export function Root() {
  useAppliedTheme(useAppStore((s) => s.settings.theme));
  const load = useAppStore((s) => s.profileLoad);
  const profile = useAppStore((s) => s.profile);
  const loadProfile = useAppStore((s) => s.loadProfile);
  const connecting = useAppStore((s) => s.connection !== 'open');
  // After the first-run form disappears, focus moves to the new main page instead of the void.
  const [justCreated, setJustCreated] = useState(false);

  if (load.status === 'error') {
    return <LoadErrorScreen message={load.message} onRetry={() => void loadProfile()} />;
  }
  if (load.status !== 'ready') return <LoadingScreen connecting={connecting} />;
  if (!profile) return <FirstRunView onCreated={() => setJustCreated(true)} />;
  return <ShellView profile={profile} focusMain={justCreated} />;
}
