import { useId, type Ref } from 'react';
import { testIds } from '../testIds';
import { Avatar } from './Avatar';
import { ChatList, type ChatListItem } from './ChatList';

export interface SidebarProps {
  readonly displayName: string;
  readonly image: string | null;
  readonly settingsOpen: boolean;
  readonly onOpenSettings: () => void;
  readonly settingsButtonRef?: Ref<HTMLButtonElement>;
  readonly chats: readonly ChatListItem[];
  readonly selectedChatId: string | null;
  readonly onSelectChat: (id: string) => void;
}

export function Sidebar(props: SidebarProps) {
  const chatsHeadingId = useId();
  return (
    <nav className="sidebar" aria-label="Chats and settings" data-testid={testIds.sidebar}>
      <header className="sidebar__header">
        <div className="sidebar__profile" data-testid={testIds.sidebarProfile}>
          <Avatar
            name={props.displayName}
            image={props.image}
            size="small"
            testId={testIds.sidebarAvatar}
          />
          <span className="sidebar__name" data-testid={testIds.sidebarProfileName}>
            {props.displayName}
          </span>
        </div>
        <button
          ref={props.settingsButtonRef}
          type="button"
          className="button button--quiet"
          aria-current={props.settingsOpen ? 'page' : undefined}
          data-testid={testIds.navSettings}
          onClick={props.onOpenSettings}
        >
          Settings
        </button>
      </header>
      <section className="sidebar__chats" aria-labelledby={chatsHeadingId}>
        <h2 id={chatsHeadingId} className="sidebar__heading">
          Chats
        </h2>
        <ChatList
          items={props.chats}
          selectedId={props.selectedChatId}
          onSelect={props.onSelectChat}
          labelledBy={chatsHeadingId}
        />
      </section>
    </nav>
  );
}
