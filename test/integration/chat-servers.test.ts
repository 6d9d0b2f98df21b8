// SMP server settings over real servers on loopback: the embedded default, custom servers tested
// before they are saved, and an engine that has no server until the user adds one.
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src/shared/ipc';
import { connectByInvitation, received, useChatEngines } from './chat-support';

const t = useChatEngines();

/** The same address with another server's identity. */
function withWrongFingerprint(address: string): string {
  return address.replace(/^smp:\/\/[^@]+@/, 'smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=@');
}

describe('chat: SMP servers', () => {
  it('reports the embedded server and tests addresses with a real queue', async () => {
    const server = await t.server();
    const other = await t.server();
    const gone = await t.server();
    await gone.stop();
    const alice = await t.engine('alice', server);

    expect(await alice.call('servers.get', {})).toEqual({
      useEmbedded: true,
      embedded: { address: server.address, running: true, error: null },
      custom: [],
    });
    expect(await alice.call('servers.test', { address: other.address })).toEqual({
      ok: true,
      error: null,
    });
    const unreachable = await alice.call('servers.test', { address: gone.address });
    expect(unreachable).toEqual({ ok: false, error: 'could not connect to the server' });
    const impostor = await alice.call('servers.test', {
      address: withWrongFingerprint(other.address),
    });
    expect(impostor.ok).toBe(false);
    expect(impostor.error).toMatch(/not the one in the address/);
    const malformed = await alice.call('servers.test', { address: 'smp://nothing-here' });
    expect(malformed.ok).toBe(false);
    expect(malformed.error).toMatch(/not a valid SMP server address/);
  });

  it('saves only servers that pass the test, and puts new queues on them', async () => {
    const server = await t.server();
    const other = await t.server();
    const gone = await t.server();
    await gone.stop();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);

    const refused = alice.call('servers.set', { useEmbedded: false, custom: [gone.address] });
    await expect(refused).rejects.toBeInstanceOf(ContractError);
    await expect(refused).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(
      alice.call('servers.set', { useEmbedded: false, custom: [] }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    expect((await alice.call('servers.get', {})).custom).toEqual([]);

    const saved = await alice.call('servers.set', { useEmbedded: false, custom: [other.address] });
    expect(saved).toMatchObject({ useEmbedded: false, custom: [other.address] });
    expect(alice.events.of('servers.updated')).toEqual([saved]);

    // Alice's new invitation queue is on the other server; bob (embedded) joins it all the same.
    const invitation = await alice.call('invitation.create', {});
    expect(decodeURIComponent(invitation.link)).toContain(`:${other.port}`);
    const joined = await bob.call('connect', { link: invitation.link });
    const ba = await bob.events.until(
      'contacts.updated',
      (c) => c.id === joined.contact.id && c.status === 'active',
    );
    await bob.call('chat.send', { chatId: ba.chatId, text: 'across servers' });
    const ab = await alice.events.until('contacts.updated', (c) => c.status === 'active');
    await received(alice, ab.chatId, 'across servers');

    await alice.restart();
    expect(await alice.call('servers.get', {})).toEqual(saved);
  });

  it('needs a server for new connections: none until the user adds one', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', null);
    const bob = await t.engine('bob', server);
    expect(await alice.call('servers.get', {})).toEqual({
      useEmbedded: true,
      embedded: { address: null, running: false, error: null },
      custom: [],
    });
    await expect(alice.call('invitation.create', {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/no SMP server/) as unknown,
    });

    await alice.call('servers.set', { useEmbedded: true, custom: [server.address] });
    const { ab, ba } = await connectByInvitation(alice, bob);
    await alice.call('chat.send', { chatId: ab.chatId, text: 'now it works' });
    await received(bob, ba.chatId, 'now it works');
  });

  it('refuses new queues once its servers are gone, and keeps its contacts', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', null);
    const bob = await t.engine('bob', server);
    await alice.call('servers.set', { useEmbedded: true, custom: [server.address] });
    const { ab, ba } = await connectByInvitation(alice, bob);

    // The embedded server is not running: no server is left for new queues.
    await alice.call('servers.set', { useEmbedded: true, custom: [] });
    await expect(alice.call('invitation.create', {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/no SMP server/) as unknown,
    });
    await bob.call('chat.send', { chatId: ba.chatId, text: 'still here' });
    await received(alice, ab.chatId, 'still here');
  });
});
