// Short links (§4): link data for a queue we create, reading and verifying a peer's link, and
// replacing the user data of our own link. Verification failures are LINK_DATA errors carrying
// the LinkDataError code; nothing read is trusted before all of it verified.
import type { Transaction } from '../../../node/sqlite';
import {
  LinkDataError,
  adjustContactAgentVersions,
  checkLinkQueue,
  contactShortLinkKdf,
  createLinkData,
  decodeConnLinkData,
  decryptLinkData,
  encodeConnLinkData,
  encryptUserLinkData,
  formatConnectionRequest,
  formatShortLink,
  linkDataKey,
  newOwnerAuth,
  parseShortLink,
  restoreShortLink,
  shortenShortLink,
  validateLinkOwners,
  type ConnLinkData,
  type ConnectionRequest,
  type ContactShortLink,
  type NewLinkData,
  type OwnerAuth,
  type ShortLink,
} from '../../../protocol/agent';
import { bytesEqual } from '../../../protocol/encoding';
import { DecodeError } from '../../../protocol/encoding';
import { ed25519KeyPair } from '../../../protocol/crypto';
import type { SmpServer } from '../../../protocol/smp';
import type {
  ConnId,
  NewShortLink,
  SetUserDataOptions,
  ShortLinkData,
  ShortLinkUserData,
} from './api';
import type { AgentContext } from './context';
import { AgentError } from './errors';
import { authKey } from './keys';
import { toAgentError } from './smp-errors';
import { getConnection } from './store/connections';
import {
  getShortLink,
  insertLinkReadKey,
  getLinkReadKey,
  setShortLinkUserData as storeUserData,
} from './store/links';
import type { OwnShortLink } from './store/links';
import { rcvQueuesOf } from './store/queues';
import { AGENT_VERSION_RANGE } from './versions';

export function linkDataError(e: unknown): never {
  if (e instanceof LinkDataError)
    throw new AgentError('LINK_DATA', e.message, e.code, { cause: e });
  throw e;
}

function parseRelays(relays: readonly string[] | undefined): ContactShortLink[] {
  return (relays ?? []).map((text) => {
    const link = parseLinkText(text);
    if (link.mode !== 'contact')
      throw new AgentError('LINK', 'a relay link must be a contact link');
    return link;
  });
}

function parseLinkText(text: string): ShortLink {
  try {
    return parseShortLink(text);
  } catch (e) {
    if (e instanceof DecodeError) throw new AgentError('LINK', `short link: ${e.message}`);
    throw e;
  }
}

function newUserData(mode: ConnectionRequest['mode'], sl: ShortLinkUserData): ConnLinkData {
  if (mode === 'invitation') {
    return { mode, agentVersions: AGENT_VERSION_RANGE, userData: sl.userData };
  }
  return {
    mode,
    agentVersions: AGENT_VERSION_RANGE,
    direct: sl.direct ?? true,
    owners: sl.owners ?? [],
    relays: parseRelays(sl.relays),
    userData: sl.userData,
  };
}

export interface OwnLinkData {
  readonly data: NewLinkData;
  /** The user data as signed into the blob. */
  readonly userData: ConnLinkData;
}

/** Link data for a new queue whose connection request is `connReq`, signed by a new root key. */
export function newLinkData(connReq: ConnectionRequest, sl: NewShortLink): OwnLinkData {
  if (connReq.mode === 'invitation' && (sl.owners?.length || sl.relays?.length)) {
    throw new AgentError('LINK', 'owners and relays belong to contact links only');
  }
  const rootKeyPair = ed25519KeyPair();
  const userData = newUserData(connReq.mode, sl);
  if (userData.mode === 'contact') {
    try {
      validateLinkOwners(rootKeyPair.publicKey, userData.owners);
    } catch (e) {
      linkDataError(e);
    }
  }
  const data = createLinkData({
    fixed: { agentVersions: AGENT_VERSION_RANGE, connReq, linkEntityId: sl.linkEntityId },
    userData,
    rootKeyPair,
  });
  return { data, userData };
}

/** The text of our short link for a queue on `server`. */
export function shortLinkText(
  ctx: AgentContext,
  server: SmpServer,
  data: NewLinkData,
  type: NewShortLink['type'],
  invitationLinkId?: Uint8Array,
): string {
  const plainServer = { hosts: server.hosts, port: server.port, keyHash: server.keyHash };
  const link: ShortLink =
    invitationLinkId !== undefined
      ? {
          mode: 'invitation',
          scheme: ctx.shortLinkScheme,
          server: plainServer,
          linkId: invitationLinkId,
          linkKey: data.linkKey,
        }
      : {
          mode: 'contact',
          scheme: ctx.shortLinkScheme,
          type: type ?? 'contact',
          server: plainServer,
          linkKey: data.linkKey,
        };
  return formatShortLink(shortenShortLink(link, ctx.presetServers));
}

export function ownShortLinkRecord(
  connId: ConnId,
  shortLink: string,
  linkId: Uint8Array,
  own: OwnLinkData,
): OwnShortLink {
  return {
    connId,
    shortLink,
    linkId,
    linkKey: own.data.linkKey,
    rootPrivateKey: own.data.rootKeyPair.privateKey,
    encFixedData: own.data.encFixedData,
    userData: encodeConnLinkData(own.userData),
  };
}

export interface ReadLink extends ShortLinkData {
  readonly link: ShortLink;
  /** For invitation links: the key LKEY secured the queue with. */
  readonly senderKey?: Uint8Array | undefined;
}

/**
 * Reads and verifies a short link. An invitation is read with LKEY, which secures its queue: the
 * key is stored first (and reused on a repeated read) so that joining can use it.
 */
export async function readShortLink(ctx: AgentContext, text: string): Promise<ReadLink> {
  const link = restoreShortLink(parseLinkText(text), ctx.presetServers);
  let reply;
  let senderKey: Uint8Array | undefined;
  try {
    if (link.mode === 'contact') {
      reply = await ctx.smp.getLinkData(link.server, contactShortLinkKdf(link.linkKey).linkId);
    } else {
      senderKey = await ctx.transact(async (tx) => {
        const stored = await getLinkReadKey(tx, link.linkId);
        if (stored) return stored;
        const key = ed25519KeyPair().privateKey;
        await insertLinkReadKey(tx, link.linkId, key, ctx.nowIso());
        return key;
      });
      reply = await ctx.smp.secureGetLinkData(link.server, link.linkId, authKey(senderKey));
    }
  } catch (e) {
    throw toAgentError(e, 'reading the short link');
  }
  let verified;
  try {
    verified = decryptLinkData(link, {
      encFixedData: reply.data.fixedData,
      encUserData: reply.data.userData,
    });
    checkLinkQueue(verified.fixedData, { server: link.server, senderId: reply.senderId });
  } catch (e) {
    linkDataError(e);
  }
  const connReq = verified.fixedData.connReq;
  const joinable: ConnectionRequest =
    connReq.mode === 'contact'
      ? { ...connReq, agentVersions: adjustContactAgentVersions(connReq.agentVersions) }
      : connReq;
  return {
    link,
    senderKey,
    shortLink: formatShortLink(link),
    mode: link.mode,
    connLink: formatConnectionRequest(joinable),
    fixedData: verified.fixedData,
    userData: verified.userData,
  };
}

async function ownLink(ctx: AgentContext, connId: ConnId) {
  const conn = await getConnection(ctx.db, connId);
  if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
  const own = await getShortLink(ctx.db, connId);
  if (!own) throw new AgentError('CONN_STATE', 'the connection has no short link of ours');
  return { conn, own };
}

/** The root public key is the second half of libsodium's 64-byte private key. */
function publicOf(privateKey: Uint8Array): Uint8Array {
  return privateKey.slice(32);
}

export async function signOwner(
  ctx: AgentContext,
  connId: ConnId,
  ownerId: Uint8Array,
  ownerKey: Uint8Array,
): Promise<OwnerAuth> {
  const { own } = await ownLink(ctx, connId);
  return newOwnerAuth(own.rootPrivateKey, ownerId, ownerKey);
}

/** Replaces our link's user data (LSET with the unchanged fixed blob), after checking it all. */
export async function updateUserData(
  ctx: AgentContext,
  connId: ConnId,
  ud: ShortLinkUserData,
  options: SetUserDataOptions,
): Promise<void> {
  const { conn, own } = await ownLink(ctx, connId);
  const current = decodeConnLinkData(own.userData);
  const next: ConnLinkData =
    current.mode === 'invitation'
      ? { ...current, userData: ud.userData }
      : {
          ...current,
          direct: ud.direct ?? current.direct,
          owners: ud.owners ?? current.owners,
          relays: ud.relays ? parseRelays(ud.relays) : current.relays,
          userData: ud.userData,
        };
  const rootKey = publicOf(own.rootPrivateKey);
  const signer = options.signer ?? { kind: 'root' };
  if (next.mode === 'contact') {
    try {
      validateLinkOwners(rootKey, next.owners);
    } catch (e) {
      linkDataError(e);
    }
  }
  if (signer.kind === 'owner') {
    const owners = next.mode === 'contact' ? next.owners : [];
    const listed = owners.some(
      (o) =>
        bytesEqual(o.ownerId, signer.ownerId) &&
        bytesEqual(o.ownerKey, publicOf(signer.privateKey)),
    );
    if (!listed) {
      throw new AgentError(
        'LINK_DATA',
        'the signing key is not an owner of this link',
        'USER_SIGNATURE',
      );
    }
  }
  const signingKey = signer.kind === 'root' ? own.rootPrivateKey : signer.privateKey;
  const encUserData = encryptUserLinkData(linkDataKey(conn.mode, own.linkKey), signingKey, next);
  const rq = (await rcvQueuesOf(ctx.db, connId))[0];
  if (!rq?.recipientId) throw new AgentError('CONN_STATE', 'the link queue is not created');
  try {
    await ctx.smp.setLinkData(rq.server, rq.recipientId, authKey(rq.rcvAuthKey), own.linkId, {
      fixedData: own.encFixedData,
      userData: encUserData,
    });
  } catch (e) {
    throw toAgentError(e, 'updating the short link');
  }
  await ctx.transact((tx: Transaction) =>
    storeUserData(tx, connId, encodeConnLinkData(next), ctx.nowIso()),
  );
}
