import { PageHeader } from '../components/PageHeader';
import { testIds } from '../testIds';

export interface ChatsHomeViewProps {
  readonly displayName: string;
  readonly focusOnMount: boolean;
}

/** The main pane when no chat is open. */
export function ChatsHomeView({ displayName, focusOnMount }: ChatsHomeViewProps) {
  return (
    <div className="page" data-testid={testIds.chatsHome}>
      <PageHeader title={`Welcome, ${displayName}`} focusOnMount={focusOnMount} />
      <p className="page__lead">
        No chat is open. Your chats will be listed on the left; choose one to read it here.
      </p>
      <p className="page__lead">
        Open <strong>Settings</strong> to edit your profile, pick a theme or change notifications.
      </p>
    </div>
  );
}
