// Contacts and direct chats through the whole renderer against the fake engine, driven the way a
// person would: keyboard and clicks.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { optionTestId, testIds } from '../../../src/renderer/testIds';
import { renderApp } from '../support/app';
import { FakeEngine } from '../support/fakeEngine';
import { withMessageViewport } from '../support/layout';

withMessageViewport();

function engineWithProfile(): FakeEngine {
  const engine = new FakeEngine();
  engine.profile = {
    id: 1,
    displayName: 'Ada',
    fullName: '',
    image: null,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
  return engine;
}

const texts = () => screen.queryAllByTestId(testIds.messageText).map((t) => t.textContent);

describe('a direct chat', () => {
  it('opens from the list by keyboard, shows its history and sends with Enter', async () => {
    const engine = engineWithProfile();
    const alice = engine.chats.addContact('Alice');
    engine.chats.seedItems(alice.chatId, 3);
    const { user } = renderApp(engine);

    const option = await screen.findByRole('option', { name: /Alice/ });
    expect(within(option).getByTestId(testIds.chatListPreview).textContent).toBe('You: message 3');
    option.focus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(texts()).toEqual(['message 1', 'message 2', 'message 3']));
    expect(screen.getByRole('heading', { level: 1, name: 'Alice' })).toBeTruthy();
    const composer = screen.getByRole('textbox', { name: 'Message' });
    expect(document.activeElement).toBe(composer);

    await user.keyboard('Hello{Shift>}{Enter}{/Shift}Alice{Enter}');
    await waitFor(() => expect(texts()).toContain('Hello\nAlice'));
    const status = () => screen.getAllByTestId(testIds.messageStatus).at(-1)!;
    expect(status().dataset['status']).toBe('sending');
    expect(within(option).getByTestId(testIds.chatListPreview).textContent).toBe(
      'You: Hello Alice',
    );

    const sent = engine.chats.chats.get(alice.chatId)!.items.at(-1)!;
    act(() => engine.chats.setStatus(alice.chatId, sent.id, 'delivered'));
    expect(status().getAttribute('aria-label')).toBe('Delivered');
  });

  it('shows messages as they arrive and marks them read while the chat is on screen', async () => {
    const engine = engineWithProfile();
    const alice = engine.chats.addContact('Alice');
    const { user } = renderApp(engine);
    await user.click(await screen.findByRole('option', { name: /Alice/ }));
    await screen.findByText('No messages yet. Say hello!');

    act(() => void engine.chats.receive(alice.chatId, 'are you there?'));
    await waitFor(() => expect(texts()).toEqual(['are you there?']));
    await waitFor(() =>
      expect(engine.callsOf('chat.markRead')).toEqual([{ chatId: alice.chatId }]),
    );
    await waitFor(() => expect(screen.queryByTestId(testIds.chatListUnread)).toBeNull());
  });

  it('counts unread messages of other chats in the list', async () => {
    const engine = engineWithProfile();
    const alice = engine.chats.addContact('Alice');
    engine.chats.addContact('Bob');
    renderApp(engine);
    await screen.findByRole('option', { name: /Bob/ });
    act(() => {
      engine.chats.receive(alice.chatId, 'one');
      engine.chats.receive(alice.chatId, 'two');
    });
    const alicesRow = screen.getByRole('option', { name: /Alice/ });
    expect(within(alicesRow).getByTestId(testIds.chatListUnread).textContent).toContain('2');
    // The most recently active chat comes first.
    expect(screen.getAllByRole('option')[0]).toBe(alicesRow);
  });

  it('says why nothing can be sent while the contact is connecting', async () => {
    const engine = engineWithProfile();
    engine.chats.addContact('Bob', { status: 'connecting' });
    const { user } = renderApp(engine);
    const option = await screen.findByRole('option', { name: /Bob/ });
    expect(within(option).getByTestId(testIds.chatListPreview).textContent).toBe('Connecting…');
    await user.click(option);
    const composer = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });
    expect(composer.disabled).toBe(true);
    expect(screen.getByTestId(testIds.composerNotice).textContent).toBe(
      'Waiting for Bob to accept. You can write once you are connected.',
    );
  });

  it('mutes and unmutes from the header', async () => {
    const engine = engineWithProfile();
    engine.chats.addContact('Alice');
    const { user } = renderApp(engine);
    await user.click(await screen.findByRole('option', { name: /Alice/ }));
    const mute = await screen.findByRole('button', { name: 'Mute notifications' });
    await user.click(mute);
    await waitFor(() => expect(mute.getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByTestId(testIds.chatListMuted)).toBeTruthy();
    await user.click(mute);
    await waitFor(() => expect(mute.getAttribute('aria-pressed')).toBe('false'));
  });

  it('opens the chat a notification asked for', async () => {
    const engine = engineWithProfile();
    const alice = engine.chats.addContact('Alice');
    renderApp(engine);
    await screen.findByRole('option', { name: /Alice/ });
    act(() => engine.emit('app.chat.open', { chatId: alice.chatId }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Alice' })).toBeTruthy();
  });
});

describe('contact info', () => {
  it('shows the profile and how they connected, and deletes the contact after asking', async () => {
    const engine = engineWithProfile();
    engine.chats.addContact('Alice', { fullName: 'Alice Liddell', via: 'address' });
    const { user } = renderApp(engine);
    await user.click(await screen.findByRole('option', { name: /Alice/ }));
    const who = await screen.findByTestId(testIds.conversationTitle);
    expect(who.getAttribute('aria-expanded')).toBe('false');
    await user.click(who);
    const info = screen.getByRole('complementary', { name: 'Contact info' });
    expect(who.getAttribute('aria-expanded')).toBe('true');
    expect(within(info).getByText('Alice Liddell')).toBeTruthy();
    expect(within(info).getByTestId(testIds.contactStatus).textContent).toBe('Connected');
    expect(within(info).getByTestId(testIds.contactVia).textContent).toBe(
      'You connected through their address',
    );

    await user.click(within(info).getByRole('button', { name: 'Delete contact…' }));
    // The safe answer has focus; Escape only closes the question.
    expect(document.activeElement).toBe(within(info).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    await user.click(within(info).getByRole('button', { name: 'Delete contact…' }));
    await user.click(screen.getByTestId(testIds.contactDeleteConfirm));

    const home = await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' });
    expect(document.activeElement).toBe(home);
    expect(screen.queryByRole('option')).toBeNull();
    expect(engine.chats.contacts.size).toBe(0);
  });
});

describe('a contact whose connection failed', () => {
  it('says so in the list and the info, and can be deleted', async () => {
    const engine = engineWithProfile();
    engine.chats.addContact('Alice', { status: 'failed' });
    const { user } = renderApp(engine);
    const row = await screen.findByRole('option', { name: /Alice/ });
    expect(within(row).getByTestId(testIds.chatListPreview).textContent).toBe('Connection failed');
    await user.click(row);
    await user.click(await screen.findByTestId(testIds.conversationTitle));
    const info = screen.getByRole('complementary', { name: 'Contact info' });
    expect(within(info).getByTestId(testIds.contactStatus).textContent).toBe('Connection failed');
    expect(within(info).getByTestId(testIds.contactFailedHint).textContent).toContain(
      'ask Alice for a new link',
    );
    await user.click(within(info).getByRole('button', { name: 'Delete contact…' }));
    await user.click(screen.getByTestId(testIds.contactDeleteConfirm));
    await screen.findByRole('heading', { level: 1, name: 'Welcome, Ada' });
    expect(engine.chats.contacts.size).toBe(0);
  });
});

describe('new chat', () => {
  it('connects through a pasted link, refusing what is not a link', async () => {
    const engine = engineWithProfile();
    const { user } = renderApp(engine);
    const opener = await screen.findByRole('button', { name: 'New chat' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'New chat' });
    expect(
      within(dialog).getByRole('tab', { name: 'Paste a link' }).getAttribute('aria-selected'),
    ).toBe('true');
    const field = within(dialog).getByRole('textbox', { name: 'SimpleX link' });
    await user.type(field, 'hello');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(within(dialog).getByRole('alert').textContent).toContain('This is not a SimpleX link.');
    expect(engine.callsOf('connect')).toEqual([]);

    await user.clear(field);
    await user.click(field);
    await user.paste('simplex:/invitation#/?v=2-7&smp=abc');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() =>
      expect(screen.getByTestId(testIds.connectStatus).textContent).toContain('Connecting to'),
    );
    expect(engine.callsOf('connect')).toEqual([{ link: 'simplex:/invitation#/?v=2-7&smp=abc' }]);

    await user.click(within(dialog).getByRole('button', { name: 'Open chat' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await screen.findByTestId(testIds.conversation);
  });

  it('creates my address with a QR code, sets auto-accept, and deletes it after asking', async () => {
    const engine = engineWithProfile();
    const { user } = renderApp(engine);
    await user.click(await screen.findByRole('button', { name: 'New chat' }));
    const tabs = screen.getByRole('tablist', { name: 'Ways to start a chat' });
    within(tabs).getByRole('tab', { name: 'Paste a link' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(
      within(tabs).getByRole('tab', { name: 'My address' }).getAttribute('aria-selected'),
    ).toBe('true');

    await user.click(await screen.findByRole('button', { name: 'Create my address' }));
    const qr = await screen.findByRole('img', { name: 'QR code of your address' });
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(screen.getByTestId<HTMLTextAreaElement>(testIds.addressLink).value).toBe(
      engine.chats.address?.link,
    );

    await user.click(
      screen.getByRole('checkbox', { name: 'Accept contact requests automatically' }),
    );
    await waitFor(() => expect(engine.chats.address?.autoAccept).toBe(true));

    await user.click(screen.getByRole('button', { name: 'Delete address…' }));
    await user.click(screen.getByTestId(testIds.addressDeleteConfirm));
    await screen.findByRole('button', { name: 'Create my address' });
    expect(engine.chats.address).toBeNull();
  });

  it('makes a one-time invitation with its QR code and link', async () => {
    const engine = engineWithProfile();
    const { user } = renderApp(engine);
    await user.click(await screen.findByRole('button', { name: 'New chat' }));
    await user.click(screen.getByTestId(optionTestId(testIds.newChatTab, 'invitation')));
    await user.click(screen.getByRole('button', { name: 'Create invitation' }));
    expect(await screen.findByRole('img', { name: 'QR code of this invitation' })).toBeTruthy();
    expect(screen.getByTestId<HTMLTextAreaElement>(testIds.invitationLink).value).toMatch(
      /^simplex:\/invitation#/,
    );
  });

  it('opens with the link the OS handed over', async () => {
    const engine = engineWithProfile();
    renderApp(engine);
    await screen.findByRole('button', { name: 'New chat' });
    act(() =>
      engine.emit('app.link.opened', { kind: 'contact', link: 'simplex:/contact#/?v=2-7&smp=x' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New chat' });
    expect(
      within(dialog).getByRole<HTMLTextAreaElement>('textbox', { name: 'SimpleX link' }).value,
    ).toBe('simplex:/contact#/?v=2-7&smp=x');
    // Nothing is sent until the person says so.
    expect(engine.callsOf('connect')).toEqual([]);
  });
});

describe('contact requests', () => {
  it('shows waiting requests with a badge; accepting one opens its chat', async () => {
    const engine = engineWithProfile();
    const { user } = renderApp(engine);
    await screen.findByRole('button', { name: 'New chat' });
    expect(screen.queryByTestId(testIds.requestsEntry)).toBeNull();
    act(() => void engine.chats.addRequest('Dave', 'David Bowman'));
    const entry = screen.getByTestId(testIds.requestsEntry);
    expect(within(entry).getByTestId(testIds.requestsBadge).textContent).toBe('1, 1 waiting');

    await user.click(entry);
    await screen.findByRole('heading', { level: 1, name: 'Contact requests' });
    const request = screen.getByTestId(testIds.requestItem);
    expect(request.textContent).toContain('David Bowman');
    await user.click(within(request).getByRole('button', { name: 'Accept Dave' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dave' })).toBeTruthy();
    expect(screen.queryByTestId(testIds.requestsEntry)).toBeNull();
  });
});

describe('settings', () => {
  it('has the SMP servers, and asks the browser about notifications only in the browser host', async () => {
    const engine = engineWithProfile();
    engine.runtime = 'browser-host';
    const { user } = renderApp(engine);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const servers = screen.getByRole('region', { name: 'Servers' });
    expect(within(servers).getByTestId(testIds.embeddedAddress).textContent).toContain(
      'smp://fakeFingerprint@127.0.0.1:5223',
    );
    // jsdom has no Notification API: the page says so instead of offering a button.
    expect(screen.getByTestId(testIds.notificationPermission).dataset['permission']).toBe(
      'unsupported',
    );
  });
});
