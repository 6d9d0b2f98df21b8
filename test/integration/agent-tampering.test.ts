// Tampering, over a real server: messages crafted with the sender's own keys and state (read
// from its SQLite file) but modified, replayed, or chained to a wrong hash; and short links with
// a bad signature or a foreign owner. Each is refused with a typed error and nothing is stored.
import { describe, expect, it } from 'vitest';
import {
  contactShortLinkKdf,
  decodeRatchetState,
  encodeAgentEnvelope,
  encodeAgentMessage,
  encryptUserLinkData,
  newOwnerAuth,
  parseShortLink,
  ratchetEncrypt,
  sealClientMessage,
  AGENT_MSG_PADDED_LENGTH,
  type ContactLinkData,
} from '../../src/protocol/agent';
import { ed25519KeyPair, randomBytes } from '../../src/protocol/crypto';
import { parseSmpServer } from '../../src/protocol/smp';
import { SmpClient } from '../../src/main/engine/smp';
import { connect, text, untext, useAgents, type TestAgent } from './agent-support';

const t = useAgents();

const ed25519 = (privateKey: Uint8Array) => ({ algorithm: 'ed25519' as const, privateKey });

/** Reads what the sender's agent stored for `connId` and makes SEND bodies with it. */
async function forger(x: TestAgent, connId: string) {
  const sq = (await x.db.get(
    `SELECT server, sender_id, snd_auth_key, e2e_dh_secret, smp_client_version
     FROM agent_snd_queues WHERE conn_id = ? AND status = 'active'`,
    [connId],
  ))!;
  const r = (await x.db.get(
    'SELECT state, last_snd_msg_id, last_snd_hash FROM agent_ratchets WHERE conn_id = ?',
    [connId],
  ))!;
  const conn = (await x.db.get('SELECT agent_version FROM agent_connections WHERE conn_id = ?', [
    connId,
  ]))!;
  const state = decodeRatchetState(r.state as Buffer);
  const smp = new SmpClient({ backoff: { initialMs: 20, maxMs: 200 } });
  const server = parseSmpServer(sq.server as string);
  return {
    /** The next message as the sender would make it, with `tamper` applied to its layers. */
    message(
      body: string,
      tamper: { prevHash?: Uint8Array; ratchet?: boolean; e2e?: boolean } = {},
    ) {
      const encoded = encodeAgentMessage({
        kind: 'message',
        sndMsgId: BigInt(Number(r.last_snd_msg_id) + 1),
        prevMsgHash: tamper.prevHash ?? new Uint8Array(r.last_snd_hash as Buffer),
        message: { kind: 'A_MSG', body: text(body) },
      });
      const { ciphertext } = ratchetEncrypt(state, encoded, AGENT_MSG_PADDED_LENGTH);
      if (tamper.ratchet) ciphertext[ciphertext.length - 100]! ^= 1;
      const sealed = sealClientMessage({
        smpClientVersion: Number(sq.smp_client_version),
        dhSecret: new Uint8Array(sq.e2e_dh_secret as Buffer),
        message: {
          privHeader: { kind: 'empty' },
          body: encodeAgentEnvelope({
            kind: 'message',
            agentVersion: Number(conn.agent_version),
            encAgentMessage: ciphertext,
          }),
        },
      });
      if (tamper.e2e) sealed[sealed.length - 50]! ^= 1;
      return sealed;
    },
    send: (body: Uint8Array) =>
      smp.send(
        server,
        new Uint8Array(sq.sender_id as Buffer),
        ed25519(new Uint8Array(sq.snd_auth_key as Buffer)),
        body,
      ),
    close: () => smp.close(),
  };
}

/** What the recipient stored: received records and its ratchet state. */
async function stored(x: TestAgent, connId: string) {
  const count = await x.db.get('SELECT count(*) AS n FROM agent_rcv_messages WHERE conn_id = ?', [
    connId,
  ]);
  const r = await x.db.get('SELECT state, last_ext_snd_id FROM agent_ratchets WHERE conn_id = ?', [
    connId,
  ]);
  return {
    records: count!.n,
    state: Buffer.from(r!.state as Buffer).toString('hex'),
    lastExt: r!.last_ext_snd_id,
  };
}

async function pair() {
  const { server } = await t.server();
  const alice = await t.agent('alice', [server]);
  const bob = await t.agent('bob', [server]);
  const { a, b } = await connect(alice, bob);
  return { alice, bob, a, b };
}

describe('agent: tampered messages', () => {
  it('refuses a modified ciphertext (e2e layer and ratchet layer) and stores nothing', async () => {
    const { alice, bob, a, b } = await pair();
    const f = await forger(alice, a);
    const before = await stored(bob, b);

    await f.send(f.message('x', { e2e: true }));
    const e2e = await bob.log.next('receiveError', (e) => e.connId === b);
    expect(e2e.error.code).toBe('DECRYPT');
    await f.send(f.message('y', { ratchet: true }));
    const ratchet = await bob.log.next('receiveError', (e) => e.connId === b);
    expect(ratchet.error).toMatchObject({ code: 'RATCHET', detail: 'DECRYPT' });
    expect(await stored(bob, b)).toEqual(before);
    f.close();

    // Both were ACKed (the queue is not stuck) and the connection works on.
    await alice.agent.sendMessage(a, text('real'));
    const m = await bob.log.next('message', (x) => x.connId === b);
    expect(untext(m.body)).toBe('real');
    expect(m.integrity).toEqual({ ok: true });
    expect(bob.log.of('message')).toHaveLength(1);
  });

  it('refuses a replayed message and stores nothing', async () => {
    const { alice, bob, a, b } = await pair();
    const f = await forger(alice, a);
    const body = f.message('once');
    await f.send(body);
    const m = await bob.log.next('message', (x) => x.connId === b);
    expect(untext(m.body)).toBe('once');
    await bob.agent.ackMessage(b, m.agentMsgId);
    const before = await stored(bob, b);

    await f.send(body);
    const e = await bob.log.next('receiveError', (x) => x.connId === b);
    expect(e.error.code).toBe('DUPLICATE');
    expect(await stored(bob, b)).toEqual(before);
    expect(bob.log.of('message')).toHaveLength(1);
    f.close();
  });

  it('refuses a wrong previous-message hash with a typed error and stores nothing', async () => {
    const { alice, bob, a, b } = await pair();
    const f = await forger(alice, a);
    const before = await stored(bob, b);

    await f.send(f.message('forged', { prevHash: randomBytes(32) }));
    const e = await bob.log.next('receiveError', (x) => x.connId === b);
    expect(e.error).toMatchObject({ code: 'INTEGRITY', detail: 'BAD_HASH' });
    expect(await stored(bob, b)).toEqual(before);
    expect(bob.log.of('message')).toHaveLength(0);
    f.close();

    // It was ACKed (the queue is not stuck) and the real stream goes on intact.
    await alice.agent.sendMessage(a, text('real'));
    const m = await bob.log.next('message', (x) => x.connId === b);
    expect(untext(m.body)).toBe('real');
    expect(m.integrity).toEqual({ ok: true });
  });
});

describe('agent: tampered short links', () => {
  async function linkOwner() {
    const { server } = await t.server();
    const alice = await t.agent('alice', [server]);
    const bob = await t.agent('bob', [server]);
    const created = await alice.agent.createConnection('contact', {
      shortLink: { type: 'group', userData: text('group profile') },
    });
    const row = (await alice.db.get(
      `SELECT q.server, q.recipient_id, q.rcv_auth_key, l.link_id, l.link_key, l.enc_fixed_data,
         l.root_private_key FROM agent_rcv_queues q JOIN agent_short_links l USING (conn_id)
       WHERE conn_id = ?`,
      [created.connId],
    ))!;
    const smp = new SmpClient({ backoff: { initialMs: 20, maxMs: 200 } });
    const linkKey = new Uint8Array(row.link_key as Buffer);
    /** LSET with user data of our making, as a malicious server or key holder could. */
    const publish = async (data: ContactLinkData, signingKey: Uint8Array) => {
      const userData = encryptUserLinkData(contactShortLinkKdf(linkKey).key, signingKey, data);
      await smp.setLinkData(
        parseSmpServer(row.server as string),
        new Uint8Array(row.recipient_id as Buffer),
        ed25519(new Uint8Array(row.rcv_auth_key as Buffer)),
        new Uint8Array(row.link_id as Buffer),
        { fixedData: new Uint8Array(row.enc_fixed_data as Buffer), userData },
      );
    };
    const data = (owners: ContactLinkData['owners'] = []): ContactLinkData => ({
      mode: 'contact',
      agentVersions: { min: 6, max: 7 },
      direct: true,
      owners,
      relays: [],
      userData: text('tampered'),
    });
    const rootKey = new Uint8Array(row.root_private_key as Buffer);
    return { alice, bob, created, publish, data, rootKey, close: () => smp.close() };
  }

  async function connectionsOf(x: TestAgent) {
    return (await x.db.get('SELECT count(*) AS n FROM agent_connections'))!.n;
  }

  it('refuses user data with a bad signature', async () => {
    const { bob, created, publish, data, close } = await linkOwner();
    expect(parseShortLink(created.shortLink!).mode).toBe('contact');
    await publish(data(), ed25519KeyPair().privateKey);
    await expect(bob.agent.getShortLinkData(created.shortLink!)).rejects.toMatchObject({
      code: 'LINK_DATA',
      detail: 'USER_SIGNATURE',
    });
    await expect(bob.agent.joinConnection(created.shortLink!, text('bob'))).rejects.toMatchObject({
      code: 'LINK_DATA',
    });
    expect(await connectionsOf(bob)).toBe(0);
    close();
  });

  it('refuses an owner not authorised by the root key or an earlier owner', async () => {
    const { alice, bob, created, publish, data, rootKey, close } = await linkOwner();
    const stranger = ed25519KeyPair();
    const owner = ed25519KeyPair();
    const foreign = newOwnerAuth(stranger.privateKey, text('owner-1'), owner.publicKey);
    // Signed by the real root key, so only the owner chain is wrong.
    await publish(data([foreign]), rootKey);
    await expect(bob.agent.getShortLinkData(created.shortLink!)).rejects.toMatchObject({
      code: 'LINK_DATA',
      detail: 'OWNER_AUTH',
    });
    expect(await connectionsOf(bob)).toBe(0);
    // The owner's own agent refuses to publish such a chain in the first place.
    await expect(
      alice.agent.setShortLinkUserData(created.connId, { userData: text('x'), owners: [foreign] }),
    ).rejects.toMatchObject({ code: 'LINK_DATA', detail: 'OWNER_AUTH' });
    close();
  });
});
