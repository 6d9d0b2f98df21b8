// Contact addresses (§2.5). The requester creates an invitation connection of its own and sends
// it, with its connInfo, to the address (per-queue encryption only, never secured); the owner's
// application accepts (the owner joins that invitation) or rejects (nothing is sent).
import {
  newInitiatorE2eParams,
  parseConnectionRequest,
  type InvitationRequest,
} from '../../../../protocol/agent';
import { sha256 } from '../../../../protocol/crypto';
import { DecodeError, wipe } from '../../../../protocol/encoding';
import type { ConnId, InvitationId } from '../api';
import type { AgentContext } from '../context';
import { AgentError } from '../errors';
import { ourQueueUri, sealForQueue } from '../keys';
import { decodeInitiatorParams, encodeInitiatorParams } from '../params';
import { updateConnection, type ConnectionRecord } from '../store/connections';
import {
  deleteContactRequest,
  getContactRequest,
  setContactRequestAccepted,
} from '../store/handshake';
import { insertSndMessage, pendingSndMessages } from '../store/snd-messages';
import { deleteSndQueue, rcvQueuesOf, sndQueuesOf } from '../store/queues';
import { getRatchet, insertRatchet } from '../store/ratchets';
import { AGENT_VERSION_RANGE, E2E_VERSION_RANGE } from '../versions';
import { storeJoin } from './join';
import { network } from './network';
import { createReplyQueue, storeReplyQueue } from './reply-queue';
import type { HandshakeRunner, StepResult } from './steps';

/** The requester's next step (connection status 'requesting'). */
export async function requestStep(ctx: AgentContext, conn: ConnectionRecord): Promise<StepResult> {
  const address = (await sndQueuesOf(ctx.db, conn.connId)).find((q) => q.queueMode === 'contact');
  const rq = (await rcvQueuesOf(ctx.db, conn.connId))[0];
  if (!rq) {
    const x3dh = newInitiatorE2eParams(E2E_VERSION_RANGE);
    await ctx.transact(async (tx) => {
      await insertRatchet(tx, conn.connId, {
        x3dhKeys: x3dh.privateKeys,
        e2eParams: encodeInitiatorParams(x3dh.params),
      });
      await storeReplyQueue(ctx, tx, conn.connId);
    });
    wipe(x3dh.privateKeys.key1);
    wipe(x3dh.privateKeys.key2);
    return 'continue';
  }
  if (rq.status === 'new') {
    await createReplyQueue(ctx, rq, 'request.queue');
    return 'continue';
  }
  if (!address) {
    await ctx.transact((tx) =>
      updateConnection(tx, conn.connId, { status: 'pending' }, ctx.nowIso()),
    );
    return 'wait';
  }
  const request = (await pendingSndMessages(ctx.db, address.id, 1))[0];
  if (!request) {
    const params = (await getRatchet(ctx.db, conn.connId))?.e2eParams;
    if (!params || !rq.senderId || !conn.connInfo) {
      throw new AgentError('CONN_STATE', 'the request cannot be built');
    }
    const connReq: InvitationRequest = {
      mode: 'invitation',
      agentVersions: AGENT_VERSION_RANGE,
      queues: [ourQueueUri(rq, rq.senderId)],
      e2e: decodeInitiatorParams(params),
    };
    const body = sealForQueue(
      address,
      { kind: 'invitation', agentVersion: conn.agentVersion, connReq, connInfo: conn.connInfo },
      true,
    );
    await ctx.transact(async (tx) => {
      const agentMsgId = conn.lastInternalId + 1;
      const now = ctx.nowIso();
      await insertSndMessage(
        tx,
        {
          connId: conn.connId,
          agentMsgId,
          sndMsgId: 0,
          kind: 'request',
          sndQueueId: address.id,
          msgHash: sha256(body),
          body,
          notify: true,
        },
        now,
      );
      await updateConnection(tx, conn.connId, { lastInternalId: agentMsgId, connInfo: null }, now);
    });
    return 'continue';
  }
  await ctx.step('request.send', conn.connId);
  await network(() =>
    ctx.smp.send(address.server, address.senderId, undefined, request.body, {
      notification: true,
    }),
  );
  await ctx.transact(async (tx) => {
    await deleteSndQueue(tx, address.id);
    await updateConnection(tx, conn.connId, { status: 'pending' }, ctx.nowIso());
  });
  return 'wait';
}

/** The owner joins the requester's invitation; the same request always gives the same ConnId. */
export async function acceptContact(
  ctx: AgentContext,
  runner: HandshakeRunner,
  invitationId: InvitationId,
  connInfo: Uint8Array,
): Promise<ConnId> {
  ctx.requireRunning();
  const connId = await ctx.transact(async (tx) => {
    const request = await getContactRequest(tx, invitationId);
    if (!request || (request.status === 'accepted' && !request.acceptedConnId)) {
      throw new AgentError('INVITATION_NOT_FOUND', `no contact request ${invitationId}`);
    }
    if (request.acceptedConnId) return request.acceptedConnId;
    // Accepting joins the requester's invitation, with a reply queue of ours.
    ctx.requireServer();
    let connReq;
    try {
      connReq = parseConnectionRequest(request.connReq);
    } catch (e) {
      if (e instanceof DecodeError) throw new AgentError('LINK', e.message);
      throw e;
    }
    if (connReq.mode !== 'invitation')
      throw new AgentError('LINK', 'a request must carry an invitation');
    const id = await storeJoin(ctx, tx, connReq, request.connReq, { connInfo });
    await setContactRequestAccepted(tx, invitationId, id);
    return id;
  });
  await runner.advance(connId);
  return connId;
}

export async function rejectContact(ctx: AgentContext, invitationId: InvitationId): Promise<void> {
  ctx.requireRunning();
  const deleted = await ctx.transact((tx) => deleteContactRequest(tx, invitationId));
  if (!deleted) throw new AgentError('INVITATION_NOT_FOUND', `no contact request ${invitationId}`);
}

/** SHA-256 of a request's invitation link: the same invitation twice is one request. */
export function requestHash(connReqText: string): Uint8Array {
  return sha256(new TextEncoder().encode(connReqText));
}
