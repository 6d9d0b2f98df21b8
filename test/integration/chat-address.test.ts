// Contact addresses over a real SMP server: requests accepted automatically or by the user,
// rejected requests, the address's life cycle and links that cannot be used.
import { describe, expect, it } from 'vitest';
import { active, activeNamed, received, useChatEngines } from './chat-support';

const t = useChatEngines();

describe('chat: contact address', () => {
  it('auto-accepts a request: both sides connect and chat, profiles from the handshake', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server, { fullName: 'Alice A.' });
    const bob = await t.engine('bob', server);

    const address = await alice.call('address.create', { autoAccept: true });
    expect(address.link.startsWith('simplex:/contact#/?')).toBe(true);
    expect(address.shortLink).not.toBeNull();
    expect(await alice.call('address.get', {})).toEqual(address);
    expect(alice.events.of('address.updated')).toEqual([address]);

    const result = await bob.call('connect', { link: address.shortLink! });
    // The short link shows alice's profile before the handshake.
    expect(result).toMatchObject({
      kind: 'address',
      contact: { displayName: 'alice', fullName: 'Alice A.', status: 'connecting', via: 'address' },
    });
    const ba = await active(bob, result.contact.id);
    const ab = await activeNamed(alice, 'bob');
    expect(ab.via).toBe('request');
    expect(await alice.call('requests.list', {})).toEqual([]);

    await bob.call('chat.send', { chatId: ba.chatId, text: 'hi via your address' });
    await received(alice, ab.chatId, 'hi via your address');
    await alice.call('chat.send', { chatId: ab.chatId, text: 'welcome' });
    await received(bob, ba.chatId, 'welcome');
  });

  it('lists a request until the user accepts it; a rejected one goes away', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const carol = await t.engine('carol', server);
    const address = await alice.call('address.create', {});
    expect(address.autoAccept).toBe(false);

    // The full link works as well as the short one.
    await bob.call('connect', { link: address.link });
    const request = await alice.events.until('requests.updated', (r) => r.displayName === 'bob');
    expect(await alice.call('requests.list', {})).toEqual([request]);

    const contact = await alice.call('requests.accept', { id: request.id });
    expect(contact).toMatchObject({ displayName: 'bob', via: 'request', status: 'connecting' });
    await alice.events.until('requests.removed', (r) => r.id === request.id);
    await active(alice, contact.id);
    await activeNamed(bob, 'alice');
    expect(await alice.call('requests.list', {})).toEqual([]);

    const fromCarol = await carol.call('connect', { link: address.shortLink! });
    const carolRequest = await alice.events.until(
      'requests.updated',
      (r) => r.displayName === 'carol',
    );
    expect(await alice.call('requests.reject', { id: carolRequest.id })).toBeNull();
    await alice.events.until('requests.removed', (r) => r.id === carolRequest.id);
    expect(await alice.call('requests.list', {})).toEqual([]);
    await expect(alice.call('requests.accept', { id: carolRequest.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // The requester is not told; its contact stays as it was.
    expect((await carol.call('contacts.get', { id: fromCarol.contact.id })).status).toBe(
      'connecting',
    );
    expect((await alice.call('contacts.list', {})).map((c) => c.displayName)).toEqual(['bob']);
  });

  it('switches auto-accept on for requests that arrive later', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    await alice.call('address.create', { autoAccept: false });
    const updated = await alice.call('address.setAutoAccept', { autoAccept: true });
    expect(updated.autoAccept).toBe(true);
    await bob.call('connect', { link: updated.shortLink! });
    await activeNamed(alice, 'bob');
    expect(alice.events.of('requests.updated')).toEqual([]);
  });

  it('refuses a second address and the user’s own links; deleting drops pending requests', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const address = await alice.call('address.create', {});
    await expect(alice.call('address.create', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(alice.call('connect', { link: address.shortLink! })).rejects.toMatchObject({
      code: 'INVALID',
    });
    const invitation = await alice.call('invitation.create', {});
    await expect(alice.call('connect', { link: invitation.link })).rejects.toMatchObject({
      code: 'INVALID',
    });

    await bob.call('connect', { link: address.link });
    const request = await alice.events.until('requests.updated');
    expect(await alice.call('address.delete', {})).toBeNull();
    await alice.events.until('requests.removed', (r) => r.id === request.id);
    expect(await alice.call('address.get', {})).toBeNull();
    expect(await alice.call('requests.list', {})).toEqual([]);
    await expect(alice.call('address.delete', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The deleted address's link is gone from the server.
    await expect(bob.call('connect', { link: address.shortLink! })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it('rejects links that are not SimpleX links with INVALID, storing nothing', async () => {
    const server = await t.server();
    const bob = await t.engine('bob', server);
    for (const link of ['hello', 'https://example.com/a', 'simplex:/contact#/?v=1&smp=x']) {
      await expect(bob.call('connect', { link })).rejects.toMatchObject({ code: 'INVALID' });
    }
    await expect(bob.call('connect', { link: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(await bob.call('contacts.list', {})).toEqual([]);
    expect(await bob.call('chats.list', {})).toEqual([]);
  });
});
