import { useMemo, useRef, useState } from 'react';
import { AppFrame } from '../components/AppFrame';
import { EngineBanner } from '../components/EngineBanner';
import { Sidebar } from '../components/Sidebar';
import type { ProfileView } from '../../shared/models/profile';
import { useNow } from '../hooks/useNow';
import { useAppStore } from '../store';
import { ChatsHomeView } from './ChatsHomeView';
import { chatListItems } from './chatListItems';
import { ConversationView } from './ConversationView';
import { NewChatView } from './NewChatView';
import { RequestsView } from './RequestsView';
import { SettingsView } from './SettingsView';

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
  const chats = useAppStore((s) => s.chats);
  const contacts = useAppStore((s) => s.contacts);
  const requestCount = useAppStore((s) => s.requests.length);
  const openChatId = useAppStore((s) => s.openChatId);
  const openChat = useAppStore((s) => s.openChat);
  const openNewChat = useAppStore((s) => s.openNewChat);
  const settingsButton = useRef<HTMLButtonElement>(null);
  // Where focus goes when the main pane changes: the composer of a chat the person chose, or the
  // home page's heading when the open chat went away.
  const [focusChat, setFocusChat] = useState(false);
  const [focusHome, setFocusHome] = useState(false);
  const now = useNow();
  const items = useMemo(() => chatListItems(chats, contacts, now), [chats, contacts, now]);

  const closeSettings = (): void => {
    navigate('chats');
    // Back to where the user opened them from, as a dialog would.
    settingsButton.current?.focus();
  };

  const main = (() => {
    switch (view) {
      case 'settings':
        return <SettingsView profile={profile} onClose={closeSettings} />;
      case 'requests':
        return <RequestsView />;
      case 'chats':
        return openChatId ? (
          <ConversationView
            key={openChatId}
            chatId={openChatId}
            focusComposer={focusChat}
            onDeleted={() => setFocusHome(true)}
          />
        ) : (
          <ChatsHomeView
            displayName={profile.displayName}
            focusOnMount={focusMain || focusHome}
            hasChats={chats.length > 0}
            onNewChat={() => openNewChat()}
          />
        );
    }
  })();

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
          onOpenSettings={() => {
            setFocusChat(false);
            navigate('settings');
          }}
          chats={items}
          selectedChatId={view === 'chats' ? openChatId : null}
          onSelectChat={(id) => {
            setFocusChat(true);
            openChat(id);
          }}
          onNewChat={() => openNewChat()}
          requestCount={requestCount}
          requestsOpen={view === 'requests'}
          onOpenRequests={() => navigate('requests')}
        />
      }
    >
      {main}
      <NewChatView />
    </AppFrame>
  );
}
