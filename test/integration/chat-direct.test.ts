// Two engines over a real SMP server: a one-time invitation, messages both ways with delivery
// receipts, edits, deletions, reactions, unread counts and mark-as-read.
import { describe, expect, it } from 'vitest';
import { connectByInvitation, received, useChatEngines } from './chat-support';

const t = useChatEngines();

describe('chat: direct messages', () => {
  it('connects by invitation and chats both ways; receipts mark sent items delivered', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const { ab, ba } = await connectByInvitation(alice, bob);
    expect(ab).toMatchObject({ displayName: 'bob', via: 'invitation', status: 'active' });
    expect(ba).toMatchObject({ displayName: 'alice', via: 'invitation', status: 'active' });

    const sent = await alice.call('chat.send', { chatId: ab.chatId, text: 'hello bob' });
    expect(sent).toMatchObject({ direction: 'snd', text: 'hello bob', contentType: 'text' });
    const got = await received(bob, ba.chatId, 'hello bob');
    expect(got.status).toBe('received');
    await alice.events.until(
      'chat.item.updated',
      (i) => i.id === sent.id && i.status === 'delivered',
    );

    await bob.call('chat.send', { chatId: ba.chatId, text: 'hi alice' });
    await received(alice, ab.chatId, 'hi alice');

    // Within the text limit but over the protocol's size limit: refused, nothing stored.
    await expect(
      bob.call('chat.send', { chatId: ba.chatId, text: '€'.repeat(15_000) }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await expect(bob.call('chat.send', { chatId: ba.chatId, text: '  ' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });

    const [bobChat] = await bob.call('chats.list', {});
    expect(bobChat).toMatchObject({ id: ba.chatId, title: 'alice', ready: true, unreadCount: 1 });
    const page = await bob.call('chat.items', { chatId: ba.chatId });
    expect(page.items.map((i) => [i.direction, i.text])).toEqual([
      ['rcv', 'hello bob'],
      ['snd', 'hi alice'],
    ]);
    const read = await bob.call('chat.markRead', { chatId: ba.chatId });
    expect(read.unreadCount).toBe(0);
    expect((await bob.call('chat.items', { chatId: ba.chatId })).items[0]?.status).toBe('read');
  });
});

describe('chat: edits, deletions and reactions', () => {
  it('applies the author’s edit and delete, and reactions from both sides', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const { ab, ba } = await connectByInvitation(alice, bob);

    const sent = await alice.call('chat.send', { chatId: ab.chatId, text: 'helo' });
    const copy = await received(bob, ba.chatId, 'helo');

    const edited = await alice.call('chat.item.update', {
      chatId: ab.chatId,
      itemId: sent.id,
      text: 'hello',
    });
    expect(edited.text).toBe('hello');
    expect(edited.editedAt).not.toBeNull();
    const bobEdited = await bob.events.until(
      'chat.item.updated',
      (i) => i.id === copy.id && i.text === 'hello',
    );
    expect(bobEdited.editedAt).not.toBeNull();

    // Only the author edits: bob cannot edit alice's message.
    await expect(
      bob.call('chat.item.update', { chatId: ba.chatId, itemId: copy.id, text: 'mine' }),
    ).rejects.toMatchObject({ code: 'INVALID' });

    // Reactions from both sides, to the same message.
    await bob.call('chat.item.react', {
      chatId: ba.chatId,
      itemId: copy.id,
      emoji: '👍',
      add: true,
    });
    const aliceSees = await alice.events.until(
      'chat.item.updated',
      (i) => i.id === sent.id && i.reactions.length > 0,
    );
    expect(aliceSees.reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
    const both = await alice.call('chat.item.react', {
      chatId: ab.chatId,
      itemId: sent.id,
      emoji: '👍',
      add: true,
    });
    expect(both.reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    await bob.events.until(
      'chat.item.updated',
      (i) => i.id === copy.id && i.reactions[0]?.count === 2,
    );
    await expect(
      alice.call('chat.item.react', { chatId: ab.chatId, itemId: sent.id, emoji: '🦄', add: true }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await bob.call('chat.item.react', {
      chatId: ba.chatId,
      itemId: copy.id,
      emoji: '👍',
      add: false,
    });
    await alice.events.until(
      'chat.item.updated',
      (i) => i.id === sent.id && i.reactions[0]?.count === 1 && i.reactions[0].mine,
    );

    // Deleted for everyone: both sides keep a deleted item without its text.
    const deleted = await alice.call('chat.item.delete', {
      chatId: ab.chatId,
      itemId: sent.id,
      forEveryone: true,
    });
    expect(deleted).toMatchObject({ deleted: true, text: '' });
    await bob.events.until('chat.item.updated', (i) => i.id === copy.id && i.deleted);
    expect((await bob.call('chats.list', {}))[0]?.unreadCount).toBe(0);

    // Bob cannot delete alice's message for everyone, but can delete his own copy locally.
    const other = await alice.call('chat.send', { chatId: ab.chatId, text: 'second' });
    const otherCopy = await received(bob, ba.chatId, 'second');
    await expect(
      bob.call('chat.item.delete', { chatId: ba.chatId, itemId: otherCopy.id, forEveryone: true }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    const local = await bob.call('chat.item.delete', {
      chatId: ba.chatId,
      itemId: otherCopy.id,
      forEveryone: false,
    });
    expect(local.deleted).toBe(true);
    // Alice's copy is untouched.
    const alicePage = await alice.call('chat.items', { chatId: ab.chatId });
    expect(alicePage.items.find((i) => i.id === other.id)).toMatchObject({
      text: 'second',
      deleted: false,
    });
  });

  it('pages items from the newest backwards', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const { ab, ba } = await connectByInvitation(alice, bob);
    for (let i = 1; i <= 7; i++)
      await alice.call('chat.send', { chatId: ab.chatId, text: `m${i}` });
    await received(bob, ba.chatId, 'm7');

    const newest = await bob.call('chat.items', { chatId: ba.chatId, limit: 3 });
    expect(newest.items.map((i) => i.text)).toEqual(['m5', 'm6', 'm7']);
    expect(newest.hasMore).toBe(true);
    const older = await bob.call('chat.items', {
      chatId: ba.chatId,
      limit: 3,
      before: newest.items[0]!.id,
    });
    expect(older.items.map((i) => i.text)).toEqual(['m2', 'm3', 'm4']);
    const oldest = await bob.call('chat.items', {
      chatId: ba.chatId,
      limit: 3,
      before: older.items[0]!.id,
    });
    expect(oldest).toMatchObject({ hasMore: false });
    expect(oldest.items.map((i) => i.text)).toEqual(['m1']);
    expect((await bob.call('chats.list', {}))[0]?.unreadCount).toBe(7);
  });
});
