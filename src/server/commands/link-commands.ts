// Short-link commands (§4.4): LSET and LDEL by the recipient, LGET (contact links, no
// authorization) and LKEY (one-time invitations: secures the queue and returns the data).
import { sha256 } from '../../protocol/crypto/hash';
import { bytesEqual } from '../../protocol/encoding/bytes';
import { nowSeconds } from '../clock';
import { isSecuredMessagingQueue, type Queue } from '../queues/queue';
import {
  errorOutcome,
  queueOf,
  OK,
  reply,
  type CallOf,
  type Outcome,
  type ServerContext,
} from './context';
import { persist } from './persist';
import { secureQueue } from './recipient-commands';

const AUTH = errorOutcome({ type: 'AUTH' });

/**
 * LSET: contact queues and unsecured messaging queues. Once set, the link id and the encrypted
 * fixed data never change; only the user data may be replaced.
 */
export async function setLinkData(call: CallOf<'LSET'>): Promise<Outcome> {
  const { ctx, command: c } = call;
  const q = queueOf(call);
  if (isSecuredMessagingQueue(q)) return AUTH;
  const fixedDigest = sha256(c.data.fixedData);
  if (q.link) {
    if (!bytesEqual(q.link.linkId, c.linkId) || !bytesEqual(q.link.fixedDigest, fixedDigest)) {
      return AUTH;
    }
  } else if (ctx.queues.byLinkId(c.linkId)) {
    return AUTH;
  }
  const previous = q.link?.linkId;
  q.link = { linkId: c.linkId, fixedDigest };
  q.updatedAt = nowSeconds(ctx.clock);
  ctx.queues.relink(q, previous);
  await persist(ctx, q, ctx.store.setLink(q, c.linkId, c.data));
  return OK;
}

export async function deleteLinkData(call: CallOf<'LDEL'>): Promise<Outcome> {
  const { ctx } = call;
  const q = queueOf(call);
  if (!q.link) return OK;
  const previous = q.link.linkId;
  q.link = undefined;
  q.updatedAt = nowSeconds(ctx.clock);
  ctx.queues.relink(q, previous);
  await persist(ctx, q, ctx.store.deleteLink(q));
  return OK;
}

async function linkResponse(ctx: ServerContext, q: Queue): Promise<Outcome> {
  const data = await ctx.store.readLink(q.recipientId);
  return data ? reply({ type: 'LNK', senderId: q.senderId, data }) : AUTH;
}

/** LGET: reads a contact link's data (verification allowed contact queues only). */
export function getLinkData(call: CallOf<'LGET'>): Promise<Outcome> {
  return linkResponse(call.ctx, queueOf(call));
}

/** LKEY: secures the invitation's queue with the reader's key and returns the link data. */
export async function secureAndGetLinkData(call: CallOf<'LKEY'>): Promise<Outcome> {
  const { ctx, command: c } = call;
  const q = queueOf(call);
  const secured = await secureQueue(ctx, q, c.senderKey);
  if (secured.response.type !== 'OK') return secured;
  return linkResponse(ctx, q);
}
