import { describe, expect, it } from 'vitest';
import { chatListItems, previewOf } from '../../../src/renderer/views/chatListItems';
import type { ContactView } from '../../../src/shared/models/contacts';
import { item, summary } from '../support/items';

const contact = (status: ContactView['status']): ContactView => ({
  id: 1,
  chatId: '@1',
  displayName: 'Alice',
  fullName: '',
  image: null,
  status,
  via: 'invitation',
  createdAt: '2025-01-01T00:00:00Z',
});

describe('chat list rows', () => {
  it('preview the last message on one line, saying who wrote it', () => {
    expect(previewOf(item(1, { text: 'see\n  you' }), undefined)).toBe('see you');
    expect(previewOf(item(2, { text: 'on my way' }), undefined)).toBe('You: on my way');
    expect(previewOf(item(3, { deleted: true }), undefined)).toBe('Message deleted');
    expect(previewOf(item(4, { deleted: true }), undefined)).toBe('You deleted a message');
  });

  it('say what is going on when there is no message yet', () => {
    expect(previewOf(null, contact('connecting'))).toBe('Connecting…');
    expect(previewOf(null, contact('deleted'))).toBe('Contact deleted');
    expect(previewOf(null, contact('active'))).toBe('No messages yet');
  });

  it('say when the connection could not be made, whatever came before', () => {
    expect(previewOf(null, contact('failed'))).toBe('Connection failed');
    expect(previewOf(item(1, { text: 'hi' }), contact('failed'))).toBe('Connection failed');
    const [row] = chatListItems([summary('@1')], { 1: contact('failed') }, new Date(2025, 0, 1));
    expect(row).toMatchObject({ preview: 'Connection failed', failed: true, connecting: false });
  });

  it('carry unread, muted and connecting, and name a nameless new contact', () => {
    const [row] = chatListItems(
      [summary('@1', { title: ' ', unreadCount: 4, muted: true })],
      { 1: contact('connecting') },
      new Date(2025, 0, 1, 12),
    );
    expect(row).toMatchObject({
      id: '@1',
      title: 'New contact',
      preview: 'Connecting…',
      unread: 4,
      muted: true,
      connecting: true,
      dateTime: '2025-01-01T00:00:00.000Z',
    });
  });
});
