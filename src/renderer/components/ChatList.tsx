// The sidebar's list of chats: a listbox with one tab stop, moved with the arrow keys, Home and
// End (roving tabindex), and an empty state that says what will appear here. Each row shows the
// chat's picture, name, last message, its time, and how many messages are unread.
import { useRef, useState, type KeyboardEvent } from 'react';
import { testIds } from '../testIds';
import { Avatar } from './Avatar';
import { BellOffIcon } from './icons';

export interface ChatListItem {
  readonly id: string;
  readonly title: string;
  readonly image: string | null;
  /** One line about the last message ("You: see you", "Connecting…"). */
  readonly preview: string;
  /** When the chat was last active, as shown ("14:05", "Yesterday"); empty for never. */
  readonly time: string;
  /** The same moment as an ISO string, for <time>. */
  readonly dateTime: string;
  readonly unread: number;
  readonly muted: boolean;
  /** The contact has not accepted yet (the preview says so in words). */
  readonly connecting: boolean;
  /** The connection could not be made (the preview says so; the contact can be deleted). */
  readonly failed: boolean;
}

export interface ChatListProps {
  readonly items: readonly ChatListItem[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly labelledBy: string;
}

/** Where focus goes from `index` for a key, or undefined if the key is not for us. */
export function nextIndex(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** "99+" beyond two digits: the badge keeps its size. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

export function ChatList({ items, selectedId, onSelect, labelledBy }: ChatListProps) {
  /** The option that holds the tab stop; until the list is used, the open chat does. */
  const [active, setActive] = useState<number | null>(null);
  const options = useRef<(HTMLLIElement | null)[]>([]);

  if (items.length === 0) {
    return (
      <div className="empty-state" data-testid={testIds.chatListEmpty}>
        <p className="empty-state__title">No chats yet</p>
        <p className="empty-state__hint">
          Start one with <strong>New chat</strong>: share your address, or paste someone’s link.
        </p>
      </div>
    );
  }

  // The list may shrink under the active option; clamp rather than lose the tab stop.
  const selectedIndex = Math.max(
    items.findIndex((i) => i.id === selectedId),
    0,
  );
  const current = Math.min(active ?? selectedIndex, items.length - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const item = items[current];
    if ((e.key === 'Enter' || e.key === ' ') && item) {
      e.preventDefault();
      onSelect(item.id);
      return;
    }
    const next = nextIndex(e.key, current, items.length);
    if (next === undefined) return;
    e.preventDefault();
    setActive(next);
    options.current[next]?.focus();
  };

  return (
    <ul
      className="chat-list"
      role="listbox"
      aria-labelledby={labelledBy}
      data-testid={testIds.chatList}
      onKeyDown={onKeyDown}
    >
      {items.map((item, index) => (
        <li
          key={item.id}
          ref={(el) => {
            options.current[index] = el;
          }}
          className={`chat-row${item.unread > 0 ? ' chat-row--unread' : ''}`}
          role="option"
          aria-selected={item.id === selectedId}
          tabIndex={index === current ? 0 : -1}
          data-testid={testIds.chatListItem}
          data-chat-id={item.id}
          onClick={() => {
            setActive(index);
            onSelect(item.id);
          }}
          onFocus={() => setActive(index)}
        >
          <Avatar name={item.title} image={item.image} size="small" />
          <span className="chat-row__main">
            <span className="chat-row__top">
              <span className="chat-row__title">{item.title}</span>
              {item.muted ? (
                <span className="chat-row__muted" data-testid={testIds.chatListMuted}>
                  <BellOffIcon />
                  <span className="visually-hidden">, muted</span>
                </span>
              ) : null}
              {item.time ? (
                <time
                  className="chat-row__time"
                  dateTime={item.dateTime}
                  data-testid={testIds.chatListTime}
                >
                  {item.time}
                </time>
              ) : null}
            </span>
            <span className="chat-row__bottom">
              <span
                className={`chat-row__preview${previewModifier(item)}`}
                data-testid={testIds.chatListPreview}
              >
                {item.preview}
              </span>
              {item.unread > 0 ? (
                <span
                  className={`badge${item.muted ? ' badge--quiet' : ''}`}
                  data-testid={testIds.chatListUnread}
                >
                  <span aria-hidden="true">{badgeText(item.unread)}</span>
                  <span className="visually-hidden">
                    , {item.unread} unread {item.unread === 1 ? 'message' : 'messages'}
                  </span>
                </span>
              ) : null}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function previewModifier(item: ChatListItem): string {
  if (item.failed) return ' chat-row__preview--failed';
  return item.connecting ? ' chat-row__preview--pending' : '';
}
