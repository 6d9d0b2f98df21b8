import { useId, type Ref } from 'react';
import { testIds } from '../testIds';
import { Avatar } from './Avatar';
import { ChatList, badgeText, type ChatListItem } from './ChatList';
import { PlusIcon } from './icons';

export interface SidebarProps {
  readonly displayName: string;
  readonly image: string | null;
  readonly settingsOpen: boolean;
  readonly onOpenSettings: () => void;
  readonly settingsButtonRef?: Ref<HTMLButtonElement>;
  readonly chats: readonly ChatListItem[];
  readonly selectedChatId: string | null;
  readonly onSelectChat: (id: string) => void;
  readonly onNewChat: () => void;
  /** Contact requests waiting for an answer; the entry is shown only when there are some. */
  readonly requestCount: number;
  readonly requestsOpen: boolean;
  readonly onOpenRequests: () => void;
}

export function Sidebar(props: SidebarProps) {
  const chatsHeadingId = useId();
  const { requestCount } = props;
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
        <div className="sidebar__toolbar">
          <h2 id={chatsHeadingId} className="sidebar__heading">
            Chats
          </h2>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-haspopup="dialog"
            data-testid={testIds.newChatButton}
            onClick={props.onNewChat}
          >
            <PlusIcon />
            New chat
          </button>
        </div>
        {requestCount > 0 ? (
          <button
            type="button"
            className="sidebar__requests"
            aria-current={props.requestsOpen ? 'page' : undefined}
            data-testid={testIds.requestsEntry}
            onClick={props.onOpenRequests}
          >
            <span>Contact requests</span>
            <span className="badge" data-testid={testIds.requestsBadge}>
              <span aria-hidden="true">{badgeText(requestCount)}</span>
              <span className="visually-hidden">, {requestCount} waiting</span>
            </span>
          </button>
        ) : null}
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
