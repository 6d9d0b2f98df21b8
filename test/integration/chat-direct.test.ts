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
