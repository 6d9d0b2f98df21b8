import { NewChatDialog } from '../components/NewChatDialog';
import { useAppStore } from '../store';

/** The "New chat" dialog, while it is open. */
export function NewChatView() {
  const newChat = useAppStore((s) => s.newChat);
  const openNewChat = useAppStore((s) => s.openNewChat);
  const closeNewChat = useAppStore((s) => s.closeNewChat);
  const openChat = useAppStore((s) => s.openChat);
  const connect = useAppStore((s) => s.connect);
  const address = useAppStore((s) => s.address);
  const addressLoad = useAppStore((s) => s.addressLoad);
  const createAddress = useAppStore((s) => s.createAddress);
  const deleteAddress = useAppStore((s) => s.deleteAddress);
  const setAutoAccept = useAppStore((s) => s.setAutoAccept);
  const invitation = useAppStore((s) => s.invitation);
  const createInvitation = useAppStore((s) => s.createInvitation);

  if (!newChat) return null;
  return (
    <NewChatDialog
      tab={newChat.tab}
      initialLink={newChat.link}
      onTab={(tab) => openNewChat(tab, newChat.link)}
      onClose={closeNewChat}
      onConnect={connect}
      onOpenChat={(chatId) => {
        closeNewChat();
        openChat(chatId);
      }}
      address={address}
      addressLoad={addressLoad}
      onCreateAddress={createAddress}
      onDeleteAddress={deleteAddress}
      onSetAutoAccept={setAutoAccept}
      invitation={invitation}
      onCreateInvitation={createInvitation}
    />
  );
}
