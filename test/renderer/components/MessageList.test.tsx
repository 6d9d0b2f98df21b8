import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MessageList } from '../../../src/renderer/components/conversation/MessageList';
import type { ActionResult } from '../../../src/renderer/store';
import { testIds } from '../../../src/renderer/testIds';
import type { ChatItemView } from '../../../src/shared/models/chats';
import { item } from '../support/items';
import { withMessageViewport } from '../support/layout';

withMessageViewport();

const OK: ActionResult = { ok: true, value: null };

function renderList(list: ChatItemView[], hasMore = false) {
  const handlers = {
    onEdit: vi.fn<(id: number, text: string) => Promise<ActionResult>>(() => Promise.resolve(OK)),
    onDelete: vi.fn<(id: number, all: boolean) => Promise<ActionResult>>(() => Promise.resolve(OK)),
    onReact: vi.fn<(id: number, emoji: string, add: boolean) => Promise<ActionResult>>(() =>
      Promise.resolve(OK),
    ),
    onLoadOlder: vi.fn<() => void>(),
  };
  const view = render(
    <MessageList
      chatId="@1"
      contactName="Alice"
      items={list}
      hasMore={hasMore}
      loadingOlder={false}
      now={new Date(2025, 0, 2, 12)}
      {...handlers}
    />,
  );
  return { ...handlers, ...view, user: userEvent.setup() };
}

const rows = () => screen.getAllByTestId(testIds.messageRow);

describe('MessageList', () => {
  it('shows text exactly as written: line breaks kept, markup left as text, links not made', () => {
    const text = 'line one\nline two <img src=x onerror=alert(1)> https://example.com';
    renderList([item(1, { text })]);
    const shown = screen.getByTestId(testIds.messageText);
    expect(shown.textContent).toBe(text);
    expect(shown.querySelector('img, a')).toBeNull();
    // Screen readers hear who wrote it.
    expect(rows()[0]!.textContent).toContain('Alice: ');
  });

  it('marks sent messages with ticks that say what they mean', () => {
    renderList([
      item(2, { status: 'sending' }),
      item(4, { status: 'sent' }),
      item(6, { status: 'delivered' }),
      item(8, { status: 'error', error: 'the server refused it' }),
      item(9, { status: 'received' }),
    ]);
    const labels = screen
      .getAllByTestId(testIds.messageStatus)
      .map((t) => [t.dataset['status'], t.getAttribute('aria-label')]);
    expect(labels).toEqual([
      ['sending', 'Sending'],
      ['sent', 'Sent'],
      ['delivered', 'Delivered'],
      ['error', 'Not delivered: the server refused it'],
    ]);
  });

  it('marks edited and deleted messages, and shows reactions', () => {
    renderList([
      item(2, { editedAt: '2025-01-01T10:00:00Z' }),
      item(3, { deleted: true, text: '' }),
      item(5, { reactions: [{ emoji: '👍', count: 2, mine: true }] }),
    ]);
    expect(screen.getAllByTestId(testIds.messageEdited)).toHaveLength(1);
    expect(screen.getByTestId(testIds.messageDeleted).textContent).toBe('Message deleted');
    const reaction = screen.getByRole('button', { name: '👍 2, including you' });
    expect(reaction.getAttribute('aria-pressed')).toBe('true');
  });

  it('separates days', () => {
    renderList([
      item(1, { sentAt: new Date(2025, 0, 1, 9).toISOString() }),
      item(2, { sentAt: new Date(2025, 0, 1, 10).toISOString() }),
      item(3, { sentAt: new Date(2025, 0, 2, 8).toISOString() }),
    ]);
    expect(screen.getAllByTestId(testIds.dateSeparator).map((d) => d.textContent)).toEqual([
      'Yesterday',
      'Today',
    ]);
  });

  it('takes back a reaction from its chip', async () => {
    const { onReact, user } = renderList([
      item(5, { reactions: [{ emoji: '👍', count: 2, mine: true }] }),
    ]);
    await user.click(screen.getByRole('button', { name: '👍 2, including you' }));
    expect(onReact).toHaveBeenCalledWith(5, '👍', false);
  });

  it('offers actions by keyboard: react, edit in place, delete for everyone', async () => {
    const { onReact, onEdit, onDelete, user } = renderList([item(2, { text: 'mine' })]);
    const menuButton = screen.getByRole('button', { name: 'Message actions' });
    menuButton.focus();
    await user.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: 'Message actions' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.getAttribute('aria-label') ?? i.textContent)).toEqual([
      'React with 👍',
      'React with 👎',
      'React with 😀',
      'React with 😂',
      'React with 😢',
      'React with ❤',
      'React with 🚀',
      'React with ✅',
      'Edit',
      'Delete for me',
      'Delete for everyone',
    ]);
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{ArrowRight}{Enter}');
    expect(onReact).toHaveBeenCalledWith(2, '👎', true);
    // Choosing closes the menu and gives focus back to its button.
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton);

    await user.keyboard('{Enter}{End}{ArrowUp}{ArrowUp}{Enter}');
    const editor = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Edit message' });
    expect(document.activeElement).toBe(editor);
    await user.keyboard('{Control>}a{/Control}better{Shift>}{Enter}{/Shift}still{Enter}');
    expect(onEdit).toHaveBeenCalledWith(2, 'better\nstill');
    await vi.waitFor(() =>
      expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull(),
    );

    screen.getByRole('button', { name: 'Message actions' }).focus();
    await user.keyboard('{Enter}{End}{Enter}');
    expect(onDelete).toHaveBeenCalledWith(2, true);
  });

  it('cancels an edit with Escape, and offers received messages no edit', async () => {
    const { onEdit, user } = renderList([item(2, { text: 'mine' }), item(3, { text: 'theirs' })]);
    const [mine, theirs] = screen.getAllByRole('button', { name: 'Message actions' });
    await user.click(mine!);
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    expect(onEdit).not.toHaveBeenCalled();

    await user.click(theirs!);
    const names = within(screen.getByRole('menu'))
      .getAllByRole('menuitem')
      .map((i) => i.textContent);
    expect(names).toContain('Delete for me');
    expect(names).not.toContain('Edit');
    expect(names).not.toContain('Delete for everyone');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(theirs);
  });

  it('shows why an action failed next to the message', async () => {
    const { onDelete, user } = renderList([item(3)]);
    onDelete.mockResolvedValueOnce({ ok: false, message: 'That no longer exists.' });
    await user.click(screen.getByRole('button', { name: 'Message actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete for me' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That no longer exists.');
  });

  it('asks for older messages while what is loaded does not fill the window', () => {
    const { onLoadOlder } = renderList([item(1), item(2)], true);
    expect(onLoadOlder).toHaveBeenCalled();
  });
});
