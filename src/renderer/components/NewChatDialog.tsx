// "New chat": connect through someone's link, share one's own address, or make a one-time
// invitation, in one labelled modal dialog with a tab for each.
import type { AddressView, ConnectResult, InvitationView } from '../../shared/models/contacts';
import type { ActionResult, LoadState, NewChatTab } from '../store';
import { optionTestId, testIds } from '../testIds';
import { Dialog } from './Dialog';
import { AddressPanel } from './newchat/AddressPanel';
import { InvitationPanel } from './newchat/InvitationPanel';
import { PasteLinkPanel } from './newchat/PasteLinkPanel';
import { Tabs, type TabSpec } from './Tabs';

const TABS: readonly TabSpec<NewChatTab>[] = [
  { key: 'link', label: 'Paste a link', testId: optionTestId(testIds.newChatTab, 'link') },
  { key: 'address', label: 'My address', testId: optionTestId(testIds.newChatTab, 'address') },
  {
    key: 'invitation',
    label: 'One-time invitation',
    testId: optionTestId(testIds.newChatTab, 'invitation'),
  },
];

export interface NewChatDialogProps {
  readonly tab: NewChatTab;
  readonly initialLink: string;
  readonly onTab: (tab: NewChatTab) => void;
  readonly onClose: () => void;
  readonly onConnect: (link: string) => Promise<ActionResult<ConnectResult>>;
  readonly onOpenChat: (chatId: string) => void;
  readonly address: AddressView | null;
  readonly addressLoad: LoadState;
  readonly onCreateAddress: () => Promise<ActionResult>;
  readonly onDeleteAddress: () => Promise<ActionResult>;
  readonly onSetAutoAccept: (autoAccept: boolean) => Promise<ActionResult>;
  readonly invitation: InvitationView | null;
  readonly onCreateInvitation: () => Promise<ActionResult>;
}

export function NewChatDialog(props: NewChatDialogProps) {
  return (
    <Dialog
      title="New chat"
      onClose={props.onClose}
      testId={testIds.newChatDialog}
      closeTestId={testIds.newChatClose}
    >
      <Tabs label="Ways to start a chat" tabs={TABS} selected={props.tab} onSelect={props.onTab}>
        {props.tab === 'link' ? (
          <PasteLinkPanel
            // A link handed over by the OS replaces whatever was typed.
            key={props.initialLink}
            initialLink={props.initialLink}
            onConnect={props.onConnect}
            onOpenChat={props.onOpenChat}
          />
        ) : props.tab === 'address' ? (
          <AddressPanel
            address={props.address}
            load={props.addressLoad}
            onCreate={props.onCreateAddress}
            onDelete={props.onDeleteAddress}
            onSetAutoAccept={props.onSetAutoAccept}
          />
        ) : (
          <InvitationPanel invitation={props.invitation} onCreate={props.onCreateInvitation} />
        )}
      </Tabs>
    </Dialog>
  );
}
