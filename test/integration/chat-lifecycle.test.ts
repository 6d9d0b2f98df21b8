// The life of a contact over a real SMP server: profile updates reach contacts, deleting a
// contact tells the other side, and a restart keeps everything and chatting goes on.
import { describe, expect, it } from 'vitest';
import { activeNamed, connectByInvitation, received, useChatEngines } from './chat-support';

const t = useChatEngines();

describe('chat: contact life cycle', () => {
  it('sends profile updates to contacts and shows them in the address link', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const carol = await t.engine('carol', server);
    const { ba } = await connectByInvitation(alice, bob);
    await alice.call('address.create', { autoAccept: true });

    await alice.call('profile.update', { displayName: 'alice2', fullName: 'Alice Second' });
    const updated = await bob.events.until(
      'contacts.updated',
      (c) => c.id === ba.id && c.displayName === 'alice2',
    );
    expect(updated.fullName).toBe('Alice Second');
    await bob.events.until('chats.updated', (c) => c.id === ba.chatId && c.title === 'alice2');

    const address = await alice.call('address.get', {});
    const result = await carol.call('connect', { link: address!.shortLink! });
    expect(result.contact.displayName).toBe('alice2');
    await activeNamed(carol, 'alice2');
  });

  it('deletes a contact: the other side keeps the history, marked deleted', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const { ab, ba } = await connectByInvitation(alice, bob);
    await alice.call('chat.send', { chatId: ab.chatId, text: 'bye' });
    await received(bob, ba.chatId, 'bye');

    expect(await alice.call('contacts.delete', { id: ab.id })).toBeNull();
    expect(alice.events.of('contacts.removed')).toEqual([{ id: ab.id }]);
    expect(alice.events.of('chats.removed')).toEqual([{ id: ab.chatId }]);
    expect(await alice.call('contacts.list', {})).toEqual([]);
    expect(await alice.call('chats.list', {})).toEqual([]);
    await expect(alice.call('chat.items', { chatId: ab.chatId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    await bob.events.until('contacts.updated', (c) => c.id === ba.id && c.status === 'deleted');
    const [chat] = await bob.call('chats.list', {});
    expect(chat).toMatchObject({ id: ba.chatId, ready: false });
    expect((await bob.call('chat.items', { chatId: ba.chatId })).items.map((i) => i.text)).toEqual([
      'bye',
    ]);
    await expect(
      bob.call('chat.send', { chatId: ba.chatId, text: 'hello?' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // Bob can delete what is left.
    await bob.call('contacts.delete', { id: ba.id });
    expect(await bob.call('contacts.list', {})).toEqual([]);
  });

  it('keeps contacts, chats, items and statuses across a restart, and chatting goes on', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const { ab, ba } = await connectByInvitation(alice, bob);
    const first = await alice.call('chat.send', { chatId: ab.chatId, text: 'one' });
    await received(bob, ba.chatId, 'one');
    await alice.events.until(
      'chat.item.updated',
      (i) => i.id === first.id && i.status === 'delivered',
    );
    await bob.call('chat.item.react', {
      chatId: ba.chatId,
      itemId: (await bob.call('chat.items', { chatId: ba.chatId })).items[0]!.id,
      emoji: '❤',
      add: true,
    });
    await alice.events.until(
      'chat.item.updated',
      (i) => i.id === first.id && i.reactions.length === 1,
    );

    const beforeAlice = {
      contacts: await alice.call('contacts.list', {}),
      chats: await alice.call('chats.list', {}),
      items: await alice.call('chat.items', { chatId: ab.chatId }),
    };
    const beforeBob = {
      contacts: await bob.call('contacts.list', {}),
      chats: await bob.call('chats.list', {}),
      items: await bob.call('chat.items', { chatId: ba.chatId }),
    };
    await alice.restart();
    await bob.stop();

    // Sent while bob is down: stored by the server, delivered when he is back.
    const second = await alice.call('chat.send', { chatId: ab.chatId, text: 'two' });
    await alice.events.until('chat.item.updated', (i) => i.id === second.id && i.status === 'sent');
    await bob.restart();
    expect(await bob.call('contacts.list', {})).toEqual(beforeBob.contacts);
    // 'two' may be in already: compare what was there before.
    const bobItems = (await bob.call('chat.items', { chatId: ba.chatId })).items;
    expect(bobItems.slice(0, beforeBob.items.items.length)).toEqual(beforeBob.items.items);
    await received(bob, ba.chatId, 'two');
    await alice.events.until(
      'chat.item.updated',
      (i) => i.id === second.id && i.status === 'delivered',
    );

    expect(await alice.call('contacts.list', {})).toEqual(beforeAlice.contacts);
    const afterItems = await alice.call('chat.items', { chatId: ab.chatId });
    expect(afterItems.items.slice(0, 1)).toEqual(beforeAlice.items.items);
    expect(afterItems.items[0]).toMatchObject({ status: 'delivered', reactions: [{ emoji: '❤' }] });
    expect((await alice.call('chats.list', {}))[0]?.unreadCount).toBe(
      beforeAlice.chats[0]?.unreadCount,
    );
    expect((await bob.call('chats.list', {}))[0]?.unreadCount).toBe(2);

    await bob.call('chat.send', { chatId: ba.chatId, text: 'three' });
    await received(alice, ab.chatId, 'three');
  });
});
