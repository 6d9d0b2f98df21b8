import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  ChatList,
  badgeText,
  nextIndex,
  type ChatListItem,
} from '../../../src/renderer/components/ChatList';
import { testIds } from '../../../src/renderer/testIds';

const row = (id: string, title: string, extra: Partial<ChatListItem> = {}): ChatListItem => ({
  id,
  title,
  image: null,
  preview: '',
  time: '',
  dateTime: '',
  unread: 0,
  muted: false,
  connecting: false,
  failed: false,
  ...extra,
});

const chats = [
  row('a', 'Alpha', { preview: 'see you', time: '14:05', unread: 3 }),
  row('b', 'Bravo', { muted: true, unread: 120 }),
  row('c', 'Charlie', { preview: 'Connecting…', connecting: true }),
];

function renderList(items = chats, selectedId: string | null = 'b') {
  const onSelect = vi.fn<(id: string) => void>();
  render(
    <>
      <h2 id="chats-heading">Chats</h2>
      <button type="button">before</button>
      <ChatList
        items={items}
        selectedId={selectedId}
        onSelect={onSelect}
        labelledBy="chats-heading"
      />
      <button type="button">after</button>
    </>,
  );
  return { onSelect, user: userEvent.setup() };
}

describe('ChatList', () => {
  it('says clearly that there are no chats yet, and how to start one', () => {
    renderList([]);
    const empty = screen.getByTestId(testIds.chatListEmpty);
    expect(empty.textContent).toContain('No chats yet');
    expect(empty.textContent).toContain('New chat');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('shows the last message, its time, unread count, muted and connecting chats', () => {
    renderList();
    const [alpha, bravo, charlie] = screen.getAllByRole('option');
    expect(within(alpha!).getByTestId(testIds.chatListPreview).textContent).toBe('see you');
    expect(within(alpha!).getByTestId(testIds.chatListTime).textContent).toBe('14:05');
    expect(within(alpha!).getByTestId(testIds.chatListUnread).textContent).toBe(
      '3, 3 unread messages',
    );
    expect(within(alpha!).queryByTestId(testIds.chatListMuted)).toBeNull();
    // A muted chat still counts, quietly, and says it is muted to screen readers.
    expect(within(bravo!).getByTestId(testIds.chatListMuted).textContent).toBe(', muted');
    expect(within(bravo!).getByTestId(testIds.chatListUnread).className).toContain('badge--quiet');
    expect(within(bravo!).getByTestId(testIds.chatListUnread).textContent).toContain('99+');
    expect(within(charlie!).getByTestId(testIds.chatListPreview).className).toContain('pending');
    expect(within(charlie!).queryByTestId(testIds.chatListTime)).toBeNull();
  });

  it('is one tab stop, moved with the arrow keys, Home and End', async () => {
    const { onSelect, user } = renderList();
    const list = screen.getByRole('listbox', { name: 'Chats' });
    const options = screen.getAllByRole('option');
    expect(list).toBeTruthy();
    expect(options.map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);

    // The tab stop starts on the open chat.
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(document.activeElement).toBe(options[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(options[2]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(options[2]);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(options[0]);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('b');

    // Tabbing out leaves the list in one step, and coming back returns to the same option.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'after' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(options[1]);

    await user.click(options[2]!);
    expect(onSelect).toHaveBeenLastCalledWith('c');
  });

  it('starts at the first chat when none is open', async () => {
    const { user } = renderList(chats, null);
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getAllByRole('option')[0]);
  });

  it('computes the next position at the edges, and short badges', () => {
    expect(nextIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextIndex('End', 0, 3)).toBe(2);
    expect(nextIndex('a', 1, 3)).toBeUndefined();
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});
