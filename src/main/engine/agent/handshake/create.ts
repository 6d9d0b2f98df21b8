// Creating a connection: a receive queue for an invitation or a contact address, optionally with
// a short link created in the same NEW. createConnection returns only once the queue exists, so
// a connection interrupted before that was never seen by the application: start() drops it (the
// queue may be left on the server, unused — an accepted cost of NEW not being idempotent).
import {
  formatConnectionRequest,
  newInitiatorE2eParams,
  parseConnectionRequest,
  type ConnectionRequest,
} from '../../../../protocol/agent';
import { bytesEqual, wipe } from '../../../../protocol/encoding';
import type { QueueRequest } from '../../../../protocol/smp';
import type { NewQueue } from '../../smp';
import type {
  ConnectionMode,
  ConnId,
  CreateConnectionOptions,
  CreatedConnection,
  NewShortLink,
} from '../api';
import type { AgentContext } from '../context';
import { AgentError } from '../errors';
import { newId } from '../ids';
import { authKey, newRcvQueueKeys, ourQueueUri } from '../keys';
import { encodeInitiatorParams } from '../params';
import { newLinkData, ownShortLinkRecord, shortLinkText, type OwnLinkData } from '../short-links';
import { toAgentError } from '../smp-errors';
import {
  deleteConnectionRow,
  getConnection,
  insertConnection,
  updateConnection,
} from '../store/connections';
import { getShortLink, insertShortLink } from '../store/links';
import { insertRcvQueue, rcvQueuesOf, setRcvQueueCreated, type RcvQueue } from '../store/queues';
import { insertRatchet } from '../store/ratchets';
import { AGENT_VERSION_RANGE, E2E_VERSION_RANGE, ourClientVersions } from '../versions';

export async function createConnection(
  ctx: AgentContext,
  mode: ConnectionMode,
  options: CreateConnectionOptions = {},
): Promise<CreatedConnection> {
  ctx.requireRunning();
  const connId = newId();
  const server = ctx.pickServer();
  const keys = newRcvQueueKeys();
  const x3dh = mode === 'invitation' ? newInitiatorE2eParams(E2E_VERSION_RANGE) : undefined;
  const now = ctx.nowIso();
  const rqId = await ctx.transact(async (tx) => {
    await insertConnection(
      tx,
      { connId, mode, role: 'initiator', status: 'new', agentVersion: AGENT_VERSION_RANGE.max },
      now,
    );
    if (x3dh) {
      const e2eParams = encodeInitiatorParams(x3dh.params);
      await insertRatchet(tx, connId, { x3dhKeys: x3dh.privateKeys, e2eParams });
    }
    return insertRcvQueue(
      tx,
      {
        connId,
        server,
        queueMode: mode === 'invitation' ? 'messaging' : 'contact',
        smpClientVersion: ourClientVersions().max,
        ...keys,
      },
      now,
    );
  });
  if (x3dh) {
    wipe(x3dh.privateKeys.key1);
    wipe(x3dh.privateKeys.key2);
  }
  const rq = (await rcvQueuesOf(ctx.db, connId)).find((q) => q.id === rqId)!;
  await ctx.step('create.queue', connId);

  const request = (senderId: Uint8Array): ConnectionRequest => {
    const queues = [ourQueueUri(rq, senderId)];
    const agentVersions = AGENT_VERSION_RANGE;
    return x3dh
      ? {
          mode: 'invitation',
          agentVersions,
          queues,
          clientData: options.clientData,
          e2e: x3dh.params,
        }
      : { mode: 'contact', agentVersions, queues, clientData: options.clientData };
  };
  // A short link's data names the queue's sender ID, which the SMP client derives from the NEW
  // corrId and hands to this callback, so the link data travels in the same NEW.
  let link: OwnLinkData | undefined;
  const queueRequest = (senderId: Uint8Array): QueueRequest => {
    if (options.shortLink) link = newLinkData(request(senderId), options.shortLink);
    return queueRequestFor(mode, senderId, link);
  };

  let queue: NewQueue;
  try {
    queue = await ctx.smp.createQueue(server, {
      rcvAuthKey: authKey(keys.rcvAuthKey),
      rcvDhPrivateKey: keys.rcvDhPrivate,
      subscribe: true,
      queueRequest,
    });
    checkLinkIds(mode, link, queue);
  } catch (e) {
    await ctx.transact((tx) => deleteConnectionRow(tx, connId));
    throw toAgentError(e, 'creating the queue');
  }

  const connLink = formatConnectionRequest(request(queue.senderId));
  // Set by the queueRequest callback during createQueue.
  const own = link;
  const linkId = own?.data.linkId ?? queue.linkId;
  const invitationLinkId = mode === 'invitation' ? queue.linkId : undefined;
  const shortLink =
    own && linkId
      ? shortLinkText(ctx, server, own.data, options.shortLink?.type, invitationLinkId)
      : undefined;
  await ctx.transact(async (tx) => {
    await setRcvQueueCreated(tx, rq.id, {
      recipientId: queue.recipientId,
      senderId: queue.senderId,
      linkId: queue.linkId,
      rcvDhSecret: queue.rcvDhSecret,
    });
    await updateConnection(tx, connId, { status: 'pending', connLink }, ctx.nowIso());
    if (own && shortLink && linkId) {
      await insertShortLink(tx, ownShortLinkRecord(connId, shortLink, linkId, own), ctx.nowIso());
    }
  });
  return { connId, link: connLink, ...(shortLink ? { shortLink } : {}) };
}

/** The server must have kept the link IDs the link data was made for. */
function checkLinkIds(mode: ConnectionMode, link: OwnLinkData | undefined, queue: NewQueue): void {
  if (!link) return;
  const expected = link.data.linkId;
  if (expected && !bytesEqual(queue.linkId ?? new Uint8Array(0), expected)) {
    throw new AgentError('SERVER', 'the server did not use the link ID of the link data');
  }
  if (mode === 'invitation' && !queue.linkId) {
    throw new AgentError('SERVER', 'the server returned no link ID for the invitation');
  }
}

function queueRequestFor(
  mode: ConnectionMode,
  senderId: Uint8Array | undefined,
  link: OwnLinkData | undefined,
): QueueRequest {
  const data = link && { fixedData: link.data.encFixedData, userData: link.data.encUserData };
  if (mode === 'invitation') {
    return { mode: 'messaging', link: senderId && data ? { senderId, data } : undefined };
  }
  const linkId = link?.data.linkId;
  return {
    mode: 'contact',
    link: senderId && data && linkId ? { linkId, senderId, data } : undefined,
  };
}

/** Adds a short link to an address created without one (LSET sets the link data). */
export async function createShortLink(
  ctx: AgentContext,
  connId: ConnId,
  sl: NewShortLink,
): Promise<string> {
  ctx.requireRunning();
  const conn = await getConnection(ctx.db, connId);
  if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
  const rq: RcvQueue | undefined = (await rcvQueuesOf(ctx.db, connId))[0];
  if (conn.mode !== 'contact' || conn.role !== 'initiator' || !rq?.recipientId || !rq.senderId) {
    throw new AgentError('CONN_STATE', 'short links can be added to our own addresses only');
  }
  if (await getShortLink(ctx.db, connId)) {
    throw new AgentError('CONN_STATE', 'the address has a short link already');
  }
  // The fixed data names the address exactly as published (with its `data=`, if any).
  const connReq: ConnectionRequest = conn.connLink
    ? parseConnectionRequest(conn.connLink)
    : {
        mode: 'contact',
        agentVersions: AGENT_VERSION_RANGE,
        queues: [ourQueueUri(rq, rq.senderId)],
      };
  const link = newLinkData(connReq, sl);
  const linkId = link.data.linkId!;
  try {
    await ctx.smp.setLinkData(rq.server, rq.recipientId, authKey(rq.rcvAuthKey), linkId, {
      fixedData: link.data.encFixedData,
      userData: link.data.encUserData,
    });
  } catch (e) {
    throw toAgentError(e, 'setting the short link');
  }
  const shortLink = shortLinkText(ctx, rq.server, link.data, sl.type);
  await ctx.transact((tx) =>
    insertShortLink(tx, ownShortLinkRecord(connId, shortLink, linkId, link), ctx.nowIso()),
  );
  return shortLink;
}
