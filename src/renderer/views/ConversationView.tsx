// One open chat: its header, history, composer and (on request) the contact's info. Loads the
// newest page when shown, marks the chat read while it is on screen in a focused window.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ContactInfo } from '../components/ContactInfo';
import { Composer } from '../components/conversation/Composer';
import { ConversationHeader } from '../components/conversation/ConversationHeader';
import { MessageList } from '../components/conversation/MessageList';
import type { ChatSummary } from '../../shared/models/chats';
import type { ContactView } from '../../shared/models/contacts';
import { chatTitle } from '../format/names';
import { useNow } from '../hooks/useNow';
import { useWindowFocused } from '../hooks/useWindowFocused';
import { contactOfChat, useAppStore } from '../store';
import { testIds } from '../testIds';
import { ConversationStatus } from './ConversationStatus';

export interface ConversationViewProps {
  readonly chatId: string;
  /** Put the cursor in the composer when shown (the person just chose this chat). */
  readonly focusComposer: boolean;
  /** The contact was deleted from the info pane (the chat is gone). */
  readonly onDeleted: () => void;
}

/** Under the chat's title: how the contact's connection stands, unless it is simply up. */
const SUBTITLE: Partial<Record<ContactView['status'], string>> = {
  connecting: 'Connecting…',
  deleted: 'Deleted this contact',
  failed: 'Connection failed',
};

/** Why the composer is off, in words; null when messages can be sent. */
export function composerBlock(chat: ChatSummary, contact: ContactView | undefined): string | null {
  const name = contact?.displayName || chatTitle(chat);
  if (contact?.status === 'connecting') {
    return `Waiting for ${name} to accept. You can write once you are connected.`;
  }
  if (contact?.status === 'deleted')
    return `${name} deleted this contact. You cannot send messages.`;
  if (contact?.status === 'failed') {
    return `The connection with ${name} could not be made. Delete this contact in its info and ask for a new link.`;
  }
  return chat.ready ? null : 'Messages cannot be sent in this chat right now.';
}

export function ConversationView({ chatId, focusComposer, onDeleted }: ConversationViewProps) {
  const infoId = useId();
  const chat = useAppStore((s) => s.chats.find((c) => c.id === chatId));
  const history = useAppStore((s) => s.chatItems[chatId]);
  const contact = useAppStore((s) => contactOfChat(s.contacts, chatId));
  const infoOpen = useAppStore((s) => s.contactInfoOpen);
  const setInfoOpen = useAppStore((s) => s.setContactInfoOpen);
  const loadNewestItems = useAppStore((s) => s.loadNewestItems);
  const loadOlderItems = useAppStore((s) => s.loadOlderItems);
  const markChatRead = useAppStore((s) => s.markChatRead);
  const setChatMuted = useAppStore((s) => s.setChatMuted);
  const sendMessage = useAppStore((s) => s.sendMessage);
  const editItem = useAppStore((s) => s.editItem);
  const deleteItem = useAppStore((s) => s.deleteItem);
  const reactToItem = useAppStore((s) => s.reactToItem);
  const deleteContact = useAppStore((s) => s.deleteContact);
  const [muteError, setMuteError] = useState<string | null>(null);
  const focused = useWindowFocused();
  const now = useNow();
  const composer = useRef<HTMLTextAreaElement>(null);
  const title = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void loadNewestItems(chatId);
  }, [chatId, loadNewestItems]);

  // Read means: on screen, in a window the person is using.
  const unread = chat?.unreadCount ?? 0;
  useEffect(() => {
    if (focused && unread > 0) void markChatRead(chatId);
  }, [focused, unread, chatId, markChatRead]);

  const block = chat ? composerBlock(chat, contact) : null;
  useEffect(() => {
    if (focusComposer) (block === null ? composer.current : title.current)?.focus();
    // Only when the chat is first shown; later changes must not move the cursor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const loadOlder = useCallback(() => void loadOlderItems(chatId), [chatId, loadOlderItems]);

  if (!chat) {
    return (
      <div className="conversation conversation--missing" data-testid={testIds.conversation}>
        <p className="page__lead">Loading chat…</p>
      </div>
    );
  }

  const name = contact?.displayName || chatTitle(chat);
  return (
    <div className="conversation" data-testid={testIds.conversation} data-chat-id={chatId}>
      <section className="conversation__main" aria-label={`Chat with ${name}`}>
        <ConversationHeader
          title={chatTitle(chat)}
          image={chat.image}
          subtitle={(contact && SUBTITLE[contact.status]) ?? null}
          muted={chat.muted}
          infoOpen={infoOpen}
          infoPaneId={infoId}
          titleRef={title}
          onToggleInfo={() => setInfoOpen(!infoOpen)}
          onToggleMute={() => {
            setMuteError(null);
            void setChatMuted(chatId, !chat.muted).then((r) => r.ok || setMuteError(r.message));
          }}
        />
        <ConversationStatus history={history} problem={muteError} />
        {history && history.items.length > 0 ? (
          <MessageList
            chatId={chatId}
            contactName={name}
            items={history.items}
            hasMore={history.hasMore}
            loadingOlder={history.loadingOlder}
            onLoadOlder={loadOlder}
            now={now}
            onEdit={(itemId, text) => editItem(chatId, itemId, text)}
            onDelete={(itemId, forEveryone) => deleteItem(chatId, itemId, forEveryone)}
            onReact={(itemId, emoji, add) => reactToItem(chatId, itemId, emoji, add)}
          />
        ) : (
          <div className="message-list message-list--empty">
            {history?.status === 'ready' ? (
              <p className="message-list__hint">No messages yet. Say hello!</p>
            ) : null}
          </div>
        )}
        <Composer
          inputRef={composer}
          disabledReason={block}
          onSend={(text) => sendMessage(chatId, text)}
        />
      </section>
      {infoOpen && contact ? (
        <ContactInfo
          id={infoId}
          contact={contact}
          onClose={() => {
            setInfoOpen(false);
            title.current?.focus();
          }}
          onDelete={async () => {
            const result = await deleteContact(contact.id);
            if (result.ok) onDeleted();
            return result;
          }}
        />
      ) : null}
    </div>
  );
}
