// Contact deduplication probes between three engines over a real SMP server: the same person
// connected twice is merged on both sides; a different person with the same profile is not.
import { describe, expect, it } from 'vitest';
import { active, connectByInvitation, received, useChatEngines } from './chat-support';

const t = useChatEngines();

describe('chat: probes', () => {
  it('merges a duplicate contact on both sides when bob connects to alice twice', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const { ab, ba } = await connectByInvitation(alice, bob);
    await alice.call('chat.send', { chatId: ab.chatId, text: 'before' });
    await received(bob, ba.chatId, 'before');

    // Again, through alice's address: bob probes the new contact against the old one.
    const address = await alice.call('address.create', { autoAccept: true });
    const second = await bob.call('connect', { link: address.shortLink! });
    const removedAtBob = await bob.events.until(
      'contacts.removed',
      (c) => c.id === second.contact.id,
    );
    expect(removedAtBob.id).toBe(second.contact.id);
    const removedAtAlice = await alice.events.until('contacts.removed');
    expect(removedAtAlice.id).not.toBe(ab.id);
    await alice.events.until('chats.removed', (c) => c.id === `@${removedAtAlice.id}`);

    expect((await alice.call('contacts.list', {})).map((c) => c.id)).toEqual([ab.id]);
    expect((await bob.call('contacts.list', {})).map((c) => c.id)).toEqual([ba.id]);
    expect((await bob.call('chats.list', {})).map((c) => c.id)).toEqual([ba.chatId]);
    await expect(bob.call('contacts.get', { id: second.contact.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    // The surviving chat carries on both ways, history intact.
    await bob.call('chat.send', { chatId: ba.chatId, text: 'after merge' });
    await received(alice, ab.chatId, 'after merge');
    await alice.call('chat.send', { chatId: ab.chatId, text: 'still here' });
    await received(bob, ba.chatId, 'still here');
    const page = await bob.call('chat.items', { chatId: ba.chatId });
    expect(page.items.map((i) => i.text)).toEqual(['before', 'after merge', 'still here']);
  });

  it('does not merge two people who only share a profile', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    // Another person who calls himself bob too.
    const other = await t.engine('bob', server);
    // Bob invites alice (so she is the one who probes later); ab is alice's contact bob.
    const { ab: ba, ba: ab } = await connectByInvitation(bob, alice);

    // Alice joins the other bob's invitation: she probes it against her bob (same profile).
    const invitation = await other.call('invitation.create', {});
    const joined = await alice.call('connect', { link: invitation.shortLink! });
    const otherBob = await active(alice, joined.contact.id);
    expect(otherBob.displayName).toBe('bob');

    // Messages queue behind the probes: once this exchange is through, so are the probes and
    // any answer to them.
    await alice.call('chat.send', { chatId: ab.chatId, text: 'after the probes' });
    await received(bob, ba.chatId, 'after the probes');
    await bob.call('chat.send', { chatId: ba.chatId, text: 'reply' });
    await received(alice, ab.chatId, 'reply');

    const contacts = await alice.call('contacts.list', {});
    expect(contacts.map((c) => [c.id, c.displayName])).toEqual([
      [ab.id, 'bob'],
      [otherBob.id, 'bob'],
    ]);
    expect(alice.events.of('contacts.removed')).toEqual([]);
    expect(bob.events.of('contacts.removed')).toEqual([]);
    expect(await bob.call('contacts.list', {})).toHaveLength(1);
  });
});
