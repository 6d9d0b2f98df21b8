// Short links over a real server: contact and group links created with the queue, read and
// verified, joined; user data replaced with LSET, signed by the root key or an owner; invitation
// links read with LKEY, which only the one who joins may do; a link added to an address later.
import { describe, expect, it } from 'vitest';
import { parseShortLink } from '../../src/protocol/agent';
import { ed25519KeyPair } from '../../src/protocol/crypto';
import { text, untext, useAgents, type TestAgent } from './agent-support';

const t = useAgents();

async function acceptAll(owner: TestAgent) {
  owner.agent.events.on(
    'request',
    (r) => void owner.agent.acceptContact(r.invitationId, text('owner')),
  );
}

async function allowAll(x: TestAgent) {
  x.agent.events.on(
    'confirmation',
    (c) => void x.agent.allowConnection(c.connId, c.confirmationId, text(x.name)),
  );
}

describe('agent: short links', () => {
  it('creates a contact short link, verifies it and joins through it', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const created = await alice.agent.createConnection('contact', {
      shortLink: { userData: text('alice profile') },
    });
    const short = parseShortLink(created.shortLink!);
    expect(short).toMatchObject({ mode: 'contact', type: 'contact', scheme: 'https' });
    expect(await alice.agent.getConnectionLinks(created.connId)).toEqual({
      link: created.link,
      shortLink: created.shortLink,
    });

    const data = await bob.agent.getShortLinkData(created.shortLink!);
    expect(data.connLink).toBe(created.link);
    expect(data.userData.mode).toBe('contact');
    expect(untext(data.userData.userData)).toBe('alice profile');
    // Reading changes nothing on our side.
    expect(await bob.agent.listConnections()).toEqual([]);

    await acceptAll(alice);
    await allowAll(bob);
    const b = await bob.agent.joinConnection(created.shortLink!, text('bob profile'));
    await bob.log.next('connected', (c) => c.connId === b);
    await alice.log.next('connected');
  });

  it('replaces the user data of a group link, signed by the root key, then by an owner', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const groupId = text('group-identity');
    const { connId, shortLink } = await alice.agent.createConnection('contact', {
      shortLink: { type: 'group', userData: text('v1'), linkEntityId: groupId },
    });
    expect(parseShortLink(shortLink!)).toMatchObject({ mode: 'contact', type: 'group' });
    let data = await bob.agent.getShortLinkData(shortLink!);
    expect(data.fixedData.linkEntityId).toEqual(groupId);
    expect(untext(data.userData.userData)).toBe('v1');

    await alice.agent.setShortLinkUserData(connId, { userData: text('v2') });
    data = await bob.agent.getShortLinkData(shortLink!);
    expect(untext(data.userData.userData)).toBe('v2');

    // A co-owner: authorised by the root key, then signing user data with its own key.
    const owner = ed25519KeyPair();
    const auth = await alice.agent.signShortLinkOwner(connId, text('member-7'), owner.publicKey);
    await alice.agent.setShortLinkUserData(connId, { userData: text('v3'), owners: [auth] });
    await alice.agent.setShortLinkUserData(
      connId,
      { userData: text('v4') },
      { signer: { kind: 'owner', ownerId: text('member-7'), privateKey: owner.privateKey } },
    );
    data = await bob.agent.getShortLinkData(shortLink!);
    expect(untext(data.userData.userData)).toBe('v4');
    expect(data.userData.mode === 'contact' && data.userData.owners).toHaveLength(1);
    // A key that is not an owner is refused before anything is sent.
    const stranger = ed25519KeyPair();
    await expect(
      alice.agent.setShortLinkUserData(
        connId,
        { userData: text('v5') },
        { signer: { kind: 'owner', ownerId: text('member-7'), privateKey: stranger.privateKey } },
      ),
    ).rejects.toMatchObject({ code: 'LINK_DATA' });
    expect(untext((await bob.agent.getShortLinkData(shortLink!)).userData.userData)).toBe('v4');
  });

  it('reads an invitation link with LKEY and joins with the same key; others are refused', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const carol = await t.agent('carol', [server]);
    const created = await alice.agent.createConnection('invitation', {
      shortLink: { userData: text('from alice') },
    });
    expect(parseShortLink(created.shortLink!).mode).toBe('invitation');
    const data = await bob.agent.getShortLinkData(created.shortLink!);
    expect(untext(data.userData.userData)).toBe('from alice');
    expect(data.connLink).toBe(created.link);
    // Reading secured the queue with Bob's key: nobody else can read it now.
    await expect(carol.agent.getShortLinkData(created.shortLink!)).rejects.toMatchObject({
      code: 'AUTH',
    });

    await allowAll(alice);
    const b = await bob.agent.joinConnection(created.shortLink!, text('bob profile'));
    await bob.log.next('connected', (c) => c.connId === b);
    await alice.log.next('connected', (c) => c.connId === created.connId);
  });

  it('adds a short link to an address created without one', async () => {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const { connId, link } = await alice.agent.createConnection('contact', {
      clientData: '{"x":1}',
    });
    const shortLink = await alice.agent.createShortLink(connId, { userData: text('later') });
    await expect(
      alice.agent.createShortLink(connId, { userData: text('x') }),
    ).rejects.toMatchObject({
      code: 'CONN_STATE',
    });
    const data = await bob.agent.getShortLinkData(shortLink);
    expect(data.connLink).toBe(link);
    expect(link).toContain('data=');
    expect(untext(data.userData.userData)).toBe('later');
  });

  it('writes links to preset servers host-only and restores them when reading', async () => {
    const { server } = await t.server();
    const presets = { presetServers: [server] };
    const alice = await t.agent('alice', [server], presets);
    const bob = await t.agent('bob', [server], presets);
    const { link, shortLink } = await alice.agent.createConnection('contact', {
      shortLink: { userData: text('preset') },
    });
    const short = parseShortLink(shortLink!);
    expect(short.server).toEqual({
      hosts: [server.hosts[0]],
      port: '',
      keyHash: new Uint8Array(0),
    });
    const data = await bob.agent.getShortLinkData(shortLink!);
    expect(data.connLink).toBe(link);
    expect(parseShortLink(data.shortLink).server.port).toBe(server.port);
  });
});
