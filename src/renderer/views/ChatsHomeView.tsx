import { PageHeader } from '../components/PageHeader';
import { testIds } from '../testIds';

export interface ChatsHomeViewProps {
  readonly displayName: string;
  readonly focusOnMount: boolean;
  readonly hasChats: boolean;
  readonly onNewChat: () => void;
}

/** The main pane when no chat is open. */
export function ChatsHomeView({
  displayName,
  focusOnMount,
  hasChats,
  onNewChat,
}: ChatsHomeViewProps) {
  return (
    <div className="page" data-testid={testIds.chatsHome}>
      <PageHeader title={`Welcome, ${displayName}`} focusOnMount={focusOnMount} />
      <p className="page__lead">
        {hasChats
          ? 'No chat is open. Choose one on the left to read it here.'
          : 'You have no chats yet. Share your address or a one-time invitation, or paste a link someone gave you.'}
      </p>
      <p className="page__lead">
        <button
          type="button"
          className="button button--primary"
          aria-haspopup="dialog"
          onClick={onNewChat}
        >
          Start a new chat
        </button>
      </p>
      <p className="page__lead">
        Open <strong>Settings</strong> to edit your profile, pick a theme or change notifications.
      </p>
    </div>
  );
}
