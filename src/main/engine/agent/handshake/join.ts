// Joining: storing a connection ready to join from a link (prepareJoin), and the joiner's steps
// of the fast handshake (§2.4): SKEY on the creator's queue, NEW of our reply queue, SEND of the
// confirmation with our X3DH keys, reply queue and connInfo. Each step's state is committed
// before its network call; SKEY with the same key is idempotent and a repeated SEND of the
// stored confirmation is recognised by the creator, so every step is safe to repeat.
import type { Transaction } from '../../../../node/sqlite';
import {
  joinerRatchet,
  newJoinerE2eParams,
  parseConnectionRequest,
  type ConnectionRequest,
  type InvitationRequest,
} from '../../../../protocol/agent';
import { x25519PublicKey } from '../../../../protocol/crypto';
import { DecodeError, wipe } from '../../../../protocol/encoding';
import type { ConnId, PreparedJoin } from '../api';
import type { AgentContext } from '../context';
import { AgentError } from '../errors';
import { newId } from '../ids';
import { authKey, newSndQueueKeys } from '../keys';
import { storeConfirmation } from '../outgoing';
import { decodeJoinerParams, encodeJoinerParams } from '../params';
import { readShortLink } from '../short-links';
import {
  getConnection,
  insertConnection,
  updateConnection,
  type ConnectionRecord,
} from '../store/connections';
import { deleteLinkReadKey } from '../store/links';
import { markSndMessageSent, pendingSndMessages } from '../store/snd-messages';
import {
  insertSndQueue,
  rcvQueuesOf,
  setSndQueueStatus,
  sndQueuesOf,
  type NewSndQueue,
} from '../store/queues';
import { getRatchet, insertRatchet } from '../store/ratchets';
import {
  agreeAgentVersion,
  agreeE2eVersion,
  agreeQueueVersion,
  CLIENT_VERSION_RANGE,
} from '../versions';
import { intersectVersions } from '../../../../protocol/encoding';
import { network } from './network';
import { createReplyQueue, storeReplyQueue } from './reply-queue';
import type { HandshakeRunner, StepResult } from './steps';

/** Links always have a scheme; our ConnIds never contain ':'. */
export function isLink(target: string): boolean {
  return target.includes(':');
}

function parseFullLink(link: string): ConnectionRequest {
  try {
    return parseConnectionRequest(link);
  } catch (e) {
    if (e instanceof DecodeError) throw new AgentError('LINK', `connection link: ${e.message}`);
    throw e;
  }
}

const isShortLink = (link: string) => !/\/(invitation|contact)\/?#\/\?/.test(link);

/** Stores a connection to join `link` (read first when short); with `connInfo` it is joining. */
export async function prepareJoin(
  ctx: AgentContext,
  link: string,
  connInfo?: Uint8Array,
): Promise<PreparedJoin> {
  ctx.requireRunning();
  if (isShortLink(link)) {
    const read = await readShortLink(ctx, link);
    const connReq = parseFullLink(read.connLink);
    const connId = await ctx.transact(async (tx) => {
      const options = { senderKey: read.senderKey, connInfo };
      const id = await storeJoin(ctx, tx, connReq, read.connLink, options);
      if (read.link.mode === 'invitation') await deleteLinkReadKey(tx, read.link.linkId);
      return id;
    });
    const { link: _link, senderKey: _key, ...linkData } = read;
    return { connId, mode: connReq.mode, linkData };
  }
  const connReq = parseFullLink(link);
  const connId = await ctx.transact((tx) => storeJoin(ctx, tx, connReq, link, { connInfo }));
  return { connId, mode: connReq.mode };
}

export async function joinConnection(
  ctx: AgentContext,
  runner: HandshakeRunner,
  target: string,
  connInfo: Uint8Array,
): Promise<ConnId> {
  ctx.requireRunning();
  // Joining creates a reply queue (a requester its own queue): refused before anything is stored.
  ctx.requireServer();
  const connId = isLink(target) ? (await prepareJoin(ctx, target, connInfo)).connId : target;
  await ctx.transact(async (tx) => {
    const conn = await getConnection(tx, connId);
    if (!conn) throw new AgentError('CONN_NOT_FOUND', `no connection ${connId}`);
    if (conn.status === 'prepared') {
      const status = conn.role === 'joiner' ? 'joining' : 'requesting';
      await updateConnection(tx, connId, { status, connInfo }, ctx.nowIso());
    } else if (['new', 'confirmed', 'allowed', 'failed'].includes(conn.status)) {
      const why = conn.error ? ` (${conn.error})` : '';
      throw new AgentError('CONN_STATE', `cannot join a connection in state ${conn.status}${why}`);
    }
  });
  await runner.advance(connId);
  return connId;
}

export interface JoinOptions {
  /** Our connInfo: given, the connection goes straight to 'joining'/'requesting'. */
  readonly connInfo?: Uint8Array;
  /** The key LKEY secured the invitation's queue with (it replaces SKEY). */
  readonly senderKey?: Uint8Array | undefined;
}

/** Stores a connection that joins `connReq` (an invitation, or a request to an address). */
export async function storeJoin(
  ctx: AgentContext,
  tx: Transaction,
  connReq: ConnectionRequest,
  link: string,
  options: JoinOptions,
): Promise<ConnId> {
  return connReq.mode === 'invitation'
    ? storeInvitationJoin(ctx, tx, connReq, link, options)
    : storeContactRequest(ctx, tx, connReq, link, options);
}

async function storeInvitationJoin(
  ctx: AgentContext,
  tx: Transaction,
  connReq: InvitationRequest,
  link: string,
  options: JoinOptions,
): Promise<ConnId> {
  const agentVersion = agreeAgentVersion(connReq.agentVersions);
  const queue = connReq.queues[0]!;
  if (queue.queueMode !== 'messaging') {
    throw new AgentError('VERSION', 'an invitation queue must be secured by the sender');
  }
  const clientVersion = agreeQueueVersion(queue);
  const e2eVersion = agreeE2eVersion(connReq.e2e.versions);
  // The creator's KEM proposal, if any, is ignored: we never accept post-quantum KEM.
  const ours = newJoinerE2eParams(e2eVersion);
  const state = joinerRatchet(ours.privateKeys, { ...connReq.e2e, version: e2eVersion });
  wipe(ours.privateKeys.key1);
  wipe(ours.privateKeys.key2);
  const keys = newSndQueueKeys(queue.dhPublicKey, options.senderKey);
  const connId = await insertJoin(ctx, tx, {
    role: 'joiner',
    agentVersion,
    link,
    sndQueue: {
      server: queue.server,
      senderId: queue.senderId,
      queueMode: 'messaging',
      sndAuthKey: keys.sndAuthKey,
      peerDhPublic: queue.dhPublicKey,
      e2ePrivate: keys.e2ePrivate,
      e2eDhSecret: keys.e2eDhSecret,
      smpClientVersion: clientVersion,
      status: options.senderKey ? 'secured' : 'new',
    },
    next: 'joining',
    connInfo: options.connInfo,
  });
  await insertRatchet(tx, connId, { state, e2eParams: encodeJoinerParams(ours.params) });
  return connId;
}

/**
 * Requesting a contact address (§2.5): we create an invitation connection of our own and send
 * it to the address; the owner joins it. The address is kept as a send queue until then.
 */
async function storeContactRequest(
  ctx: AgentContext,
  tx: Transaction,
  connReq: ConnectionRequest,
  link: string,
  options: JoinOptions,
): Promise<ConnId> {
  const agentVersion = agreeAgentVersion(connReq.agentVersions);
  const queue = connReq.queues[0]!;
  const common = intersectVersions(CLIENT_VERSION_RANGE, queue.clientVersions);
  if (!common) throw new AgentError('VERSION', 'no common SMP client version with the address');
  const keys = newSndQueueKeys(queue.dhPublicKey);
  return insertJoin(ctx, tx, {
    role: 'initiator',
    agentVersion,
    link,
    sndQueue: {
      server: queue.server,
      senderId: queue.senderId,
      queueMode: 'contact',
      sndAuthKey: null,
      peerDhPublic: queue.dhPublicKey,
      e2ePrivate: keys.e2ePrivate,
      e2eDhSecret: keys.e2eDhSecret,
      smpClientVersion: common.max,
      status: 'new',
    },
    next: 'requesting',
    connInfo: options.connInfo,
  });
}

/**
 * What both joins store: a prepared invitation connection to `link` with a send queue to the
 * peer's queue; given our connInfo, it goes straight on to `next`.
 */
async function insertJoin(
  ctx: AgentContext,
  tx: Transaction,
  join: {
    readonly role: ConnectionRecord['role'];
    readonly agentVersion: number;
    readonly link: string;
    readonly sndQueue: Omit<NewSndQueue, 'connId'>;
    readonly next: 'joining' | 'requesting';
    readonly connInfo: Uint8Array | undefined;
  },
): Promise<ConnId> {
  const connId = newId();
  const now = ctx.nowIso();
  const { role, agentVersion, link } = join;
  await insertConnection(
    tx,
    { connId, mode: 'invitation', role, status: 'prepared', agentVersion, connLink: link },
    now,
  );
  await insertSndQueue(tx, { connId, ...join.sndQueue }, now);
  if (join.connInfo) {
    await updateConnection(tx, connId, { status: join.next, connInfo: join.connInfo }, now);
  }
  return connId;
}

/** The joiner's next step (connection status 'joining'). */
export async function joinStep(ctx: AgentContext, conn: ConnectionRecord): Promise<StepResult> {
  const sq = (await sndQueuesOf(ctx.db, conn.connId))[0];
  if (!sq?.sndAuthKey) throw new AgentError('CONN_STATE', 'the joined queue is missing');
  if (sq.status === 'new') {
    await ctx.step('join.secure', conn.connId);
    await network(() => ctx.smp.secureSndQueue(sq.server, sq.senderId, authKey(sq.sndAuthKey!)));
    await ctx.transact((tx) => setSndQueueStatus(tx, sq.id, 'secured'));
    return 'continue';
  }

  const rq = (await rcvQueuesOf(ctx.db, conn.connId))[0];
  if (!rq) {
    await ctx.transact((tx) => storeReplyQueue(ctx, tx, conn.connId));
    return 'continue';
  }
  if (rq.status === 'new') {
    await createReplyQueue(ctx, rq, 'join.replyQueue');
    return 'continue';
  }

  const pending = await pendingSndMessages(ctx.db, sq.id, 1);
  const confirmation = pending.find((m) => m.kind === 'confirmation');
  if (!confirmation) {
    if (!conn.connInfo || !rq.senderId)
      throw new AgentError('CONN_STATE', 'nothing to confirm with');
    const params = (await getRatchet(ctx.db, conn.connId))?.e2eParams;
    if (!params) throw new AgentError('CONN_STATE', 'the X3DH parameters are missing');
    await ctx.transact(async (tx) => {
      const replyQueue = {
        clientVersion: sq.smpClientVersion,
        server: rq.server,
        senderId: rq.senderId!,
        dhPublicKey: x25519PublicKey(rq.e2ePrivate),
        queueMode: 'messaging' as const,
      };
      await storeConfirmation(
        tx,
        conn,
        sq,
        { kind: 'connInfoReply', queues: [replyQueue], connInfo: conn.connInfo! },
        decodeJoinerParams(params),
        ctx.nowIso(),
        { connInfo: null },
      );
    });
    return 'continue';
  }
  await ctx.step('join.confirm', conn.connId);
  await network(() =>
    ctx.smp.send(sq.server, sq.senderId, authKey(sq.sndAuthKey!), confirmation.body, {
      notification: true,
    }),
  );
  await ctx.transact(async (tx) => {
    await markSndMessageSent(tx, conn.connId, confirmation.agentMsgId);
    await setSndQueueStatus(tx, sq.id, 'confirmed');
    await updateConnection(tx, conn.connId, { status: 'joined' }, ctx.nowIso());
  });
  return 'wait';
}
