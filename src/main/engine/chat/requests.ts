// Contact requests through the user's address: an agent `request` with the requester's profile
// (x.contact) is listed for the user, or accepted at once with auto-accept. Accepting joins the
// requester's invitation with our profile (x.info); the contact is connecting from then on.
import type { Transaction } from '../../../node/sqlite';
import { ContractError } from '../../../shared/ipc';
import type { ContactRequestView, ContactView } from '../../../shared/models/contacts';
import { isAgentError, type AgentEventMap } from '../agent';
import { createContact } from './contacts';
import { requireUser, type ChatContext } from './context';
import { notFound, toContractError } from './errors';
import { Changes, publish } from './events';
import { ConnInfoError, decodeConnInfo, xInfoConnInfo, type PeerConnInfo } from './profiles';
import { addressByConn } from './store/address';
import { contactOfConn, getContact } from './store/contacts';
import {
  deleteRequestRow,
  getRequest,
  insertRequest,
  listRequests,
  markAccepting,
  replaceRequest,
  requestByInvitation,
  requestByReqId,
  type ContactRequest,
  type NewRequest,
} from './store/requests';
import { contactView, requestView } from './views';

export async function listRequestViews(ctx: ChatContext): Promise<ContactRequestView[]> {
  const user = await requireUser(ctx.db);
  return (await listRequests(ctx.db, user.id, 'pending')).map(requestView);
}

/** The agent's `request` event (also re-emitted at each start while undecided). */
export async function onContactRequest(
  ctx: ChatContext,
  ev: AgentEventMap['request'],
): Promise<void> {
  const address = await addressByConn(ctx.db, ev.contactConnId);
  const info = address && readRequest(ctx, ev.connInfo);
  if (!address || !info) {
    await ctx.agent().rejectContact(ev.invitationId);
    return;
  }
  const request: NewRequest = {
    userProfileId: address.userProfileId,
    invitationId: ev.invitationId,
    contactReqId: info.contactReqId ?? null,
    profile: info.profile,
    chatVersion: info.version,
  };
  const stored = await ctx.db.transaction((tx) => storeRequest(tx, request, ctx.now()));
  // A request superseded by a repeat from the same sender is dropped at the agent too.
  if (stored.drop)
    await ctx
      .agent()
      .rejectContact(stored.drop)
      .catch(() => undefined);
  if (stored.requestId === null) return;
  if (address.autoAccept) {
    await acceptRequest(ctx, stored.requestId);
    return;
  }
  const changes = new Changes();
  changes.requests.add(stored.requestId);
  await publish(ctx.db, ctx.events, changes);
}

function readRequest(ctx: ChatContext, connInfo: Uint8Array): PeerConnInfo | null {
  try {
    return decodeConnInfo(connInfo);
  } catch (e) {
    if (!(e instanceof ConnInfoError)) throw e;
    ctx.log.warn('contact request unreadable; rejected', { error: e });
    return null;
  }
}

/**
 * Stores a request, once: the same agent request again changes nothing, and a repeat from the
 * same sender (same contactReqId) replaces the earlier one, unless that is being accepted.
 * Returns the request to show (null: none) and an agent request to drop.
 */
export async function storeRequest(
  tx: Transaction,
  request: NewRequest,
  now: string,
): Promise<{ requestId: number | null; drop: string | null }> {
  const known = await requestByInvitation(tx, request.invitationId);
  if (known) return { requestId: known.id, drop: null };
  const earlier =
    request.contactReqId && (await requestByReqId(tx, request.userProfileId, request.contactReqId));
  if (!earlier) return { requestId: await insertRequest(tx, request, now), drop: null };
  if (earlier.accepting) return { requestId: null, drop: request.invitationId };
  await replaceRequest(tx, earlier.id, request, now);
  return { requestId: earlier.id, drop: earlier.invitationId };
}

export async function acceptRequest(ctx: ChatContext, id: number): Promise<ContactView> {
  const user = await requireUser(ctx.db);
  const request = await getRequest(ctx.db, id);
  if (!request || request.userProfileId !== user.id) throw notFound('this request');
  await ctx.db.transaction((tx) => markAccepting(tx, id));
  return finishAccepting(ctx, request);
}

/** Joins the requester's invitation and turns the request into a contact; safe to repeat. */
async function finishAccepting(ctx: ChatContext, request: ContactRequest): Promise<ContactView> {
  const user = await requireUser(ctx.db);
  let connId: string;
  try {
    connId = await ctx.agent().acceptContact(request.invitationId, xInfoConnInfo(user));
  } catch (e) {
    if (isAgentError(e, 'INVITATION_NOT_FOUND') || isAgentError(e, 'AUTH')) {
      // The request is gone for good: drop it.
      await removeRequest(ctx, request.id);
    }
    throw toContractError(e);
  }
  const changes = new Changes();
  const contactId = await ctx.db.transaction(async (tx) => {
    // Accepted before (a repeated event after a restart): the contact exists already.
    const existing = await contactOfConn(tx, connId);
    if (existing) {
      await deleteRequestRow(tx, request.id);
      return existing.id;
    }
    const { contactId } = await createContact(
      tx,
      {
        userProfileId: request.userProfileId,
        profile: request.profile,
        connId,
        via: 'request',
        sendProbes: false,
        chatVersion: request.chatVersion,
      },
      ctx.now(),
    );
    await deleteRequestRow(tx, request.id);
    return contactId;
  });
  changes.removedRequests.add(request.id);
  changes.contacts.add(contactId);
  await publish(ctx.db, ctx.events, changes);
  const contact = await getContact(ctx.db, contactId);
  if (!contact) throw new ContractError('NOT_FOUND', 'the contact was deleted meanwhile');
  return contactView(contact);
}

export async function rejectRequest(ctx: ChatContext, id: number): Promise<void> {
  const user = await requireUser(ctx.db);
  const request = await getRequest(ctx.db, id);
  if (!request || request.userProfileId !== user.id) throw notFound('this request');
  if (request.accepting) throw new ContractError('CONFLICT', 'this request is being accepted');
  try {
    await ctx.agent().rejectContact(request.invitationId);
  } catch (e) {
    if (!isAgentError(e, 'INVITATION_NOT_FOUND')) throw toContractError(e);
  }
  await removeRequest(ctx, id);
}

async function removeRequest(ctx: ChatContext, id: number): Promise<void> {
  await ctx.db.transaction((tx) => deleteRequestRow(tx, id));
  const changes = new Changes();
  changes.removedRequests.add(id);
  await publish(ctx.db, ctx.events, changes);
}

/** Acceptances a previous run started and did not finish. */
export async function resumeAccepting(ctx: ChatContext): Promise<void> {
  const user = await requireUser(ctx.db).catch(() => null);
  if (!user) return;
  for (const request of await listRequests(ctx.db, user.id, 'accepting')) {
    try {
      await finishAccepting(ctx, request);
    } catch (e) {
      ctx.log.warn('contact request not accepted', { error: e instanceof Error ? e : null });
    }
  }
}
