// The sidebar's list of chats: a listbox with one tab stop, moved with the arrow keys, Home and
// End (roving tabindex), and an empty state that says what will appear here.
import { useRef, useState, type KeyboardEvent } from 'react';
import { testIds } from '../testIds';

export interface ChatListItem {
  readonly id: string;
  readonly title: string;
  readonly preview?: string;
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

export function ChatList({ items, selectedId, onSelect, labelledBy }: ChatListProps) {
  const [active, setActive] = useState(0);
  const options = useRef<(HTMLLIElement | null)[]>([]);

  if (items.length === 0) {
    return (
      <div className="empty-state" data-testid={testIds.chatListEmpty}>
        <p className="empty-state__title">No chats yet</p>
        <p className="empty-state__hint">Groups you create or join will appear here.</p>
      </div>
    );
  }

  // The list may shrink under the active option; clamp rather than lose the tab stop.
  const current = Math.min(active, items.length - 1);

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
          className="chat-list__item"
          role="option"
          aria-selected={item.id === selectedId}
          tabIndex={index === current ? 0 : -1}
          data-testid={testIds.chatListItem}
          onClick={() => {
            setActive(index);
            onSelect(item.id);
          }}
          onFocus={() => setActive(index)}
        >
          <span className="chat-list__title">{item.title}</span>
          {item.preview ? <span className="chat-list__preview">{item.preview}</span> : null}
        </li>
      ))}
    </ul>
  );
}
