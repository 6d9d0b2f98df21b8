import { PageHeader } from '../components/PageHeader';
import { RequestsList } from '../components/RequestsList';
import { useAppStore } from '../store';
import { testIds } from '../testIds';

/** Contact requests that came through the person's address. Accepting opens the new chat. */
export function RequestsView() {
  const requests = useAppStore((s) => s.requests);
  const acceptRequest = useAppStore((s) => s.acceptRequest);
  const rejectRequest = useAppStore((s) => s.rejectRequest);
  const openChat = useAppStore((s) => s.openChat);
  return (
    <div className="page" data-testid={testIds.requestsView}>
      <PageHeader title="Contact requests" focusOnMount />
      <p className="page__lead">
        These people used your address to ask to chat. Accept to start a conversation; a rejected
        request is deleted and the person is not told.
      </p>
      <RequestsList
        requests={requests}
        onReject={rejectRequest}
        onAccept={async (id) => {
          const result = await acceptRequest(id);
          if (result.ok) openChat(result.value.chatId);
          return result;
        }}
      />
    </div>
  );
}
