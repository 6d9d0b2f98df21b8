import { useRef } from 'react';
import { AppFrame } from '../components/AppFrame';
import { EngineBanner } from '../components/EngineBanner';
import { Sidebar } from '../components/Sidebar';
import type { ProfileView } from '../../shared/models/profile';
import { useAppStore } from '../store';
import { ChatsHomeView } from './ChatsHomeView';
import { SettingsView } from './SettingsView';

/** Chats arrive with the groups feature; until then the list is honestly empty. */
const NO_CHATS = [] as const;

export interface ShellViewProps {
  readonly profile: ProfileView;
  /** Focus the main page's heading when shown (right after the profile was created). */
  readonly focusMain: boolean;
}

export function ShellView({ profile, focusMain }: ShellViewProps) {
  const view = useAppStore((s) => s.view);
  const navigate = useAppStore((s) => s.navigate);
  const engine = useAppStore((s) => s.engine);
  const connection = useAppStore((s) => s.connection);
  const everConnected = useAppStore((s) => s.everConnected);
  const settingsButton = useRef<HTMLButtonElement>(null);

  const closeSettings = (): void => {
    navigate('chats');
    // Back to where the user opened them from, as a dialog would.
    settingsButton.current?.focus();
  };

  return (
    <AppFrame
      banner={
        <EngineBanner engine={engine} connection={connection} everConnected={everConnected} />
      }
      sidebar={
        <Sidebar
          displayName={profile.displayName}
          image={profile.image}
          settingsOpen={view === 'settings'}
          settingsButtonRef={settingsButton}
          onOpenSettings={() => navigate('settings')}
          chats={NO_CHATS}
          selectedChatId={null}
          onSelectChat={() => navigate('chats')}
        />
      }
    >
      {view === 'settings' ? (
        <SettingsView profile={profile} onClose={closeSettings} />
      ) : (
        <ChatsHomeView displayName={profile.displayName} focusOnMount={focusMain} />
      )}
    </AppFrame>
  );
}
