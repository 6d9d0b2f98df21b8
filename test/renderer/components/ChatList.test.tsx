import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChatList, nextIndex } from '../../../src/renderer/components/ChatList';
import { testIds } from '../../../src/renderer/testIds';

const chats = [
  { id: 'a', title: 'Alpha', preview: 'see you' },
  { id: 'b', title: 'Bravo' },
  { id: 'c', title: 'Charlie' },
];

function renderList(items = chats) {
  const onSelect = vi.fn<(id: string) => void>();
  render(
    <>
      <h2 id="chats-heading">Chats</h2>
      <button type="button">before</button>
      <ChatList items={items} selectedId="b" onSelect={onSelect} labelledBy="chats-heading" />
      <button type="button">after</button>
    </>,
  );
  return { onSelect, user: userEvent.setup() };
}

describe('ChatList', () => {
  it('says clearly that there are no chats yet', () => {
    renderList([]);
    const empty = screen.getByTestId(testIds.chatListEmpty);
    expect(empty.textContent).toContain('No chats yet');
    expect(empty.textContent).toContain('Groups you create or join will appear here.');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('is one tab stop, moved with the arrow keys, Home and End', async () => {
    const { onSelect, user } = renderList();
    const list = screen.getByRole('listbox', { name: 'Chats' });
    const options = screen.getAllByRole('option');
    expect(list).toBeTruthy();
    expect(options.map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);

    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(document.activeElement).toBe(options[0]);
    await user.keyboard('{ArrowDown}');
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
  });

  it('computes the next position at the edges', () => {
    expect(nextIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextIndex('End', 0, 3)).toBe(2);
    expect(nextIndex('a', 1, 3)).toBeUndefined();
  });
});
