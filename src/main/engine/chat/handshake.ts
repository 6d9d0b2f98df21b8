// The agent's handshake events for contacts. `confirmation` arrives at the creator of a link: the
// joiner's profile; an invitation becomes a contact here, and we allow the connection with our
// profile. `info` brings the creator's profile to the joiner. `connected` makes the contact
// active, and a contact we made by joining someone's link is probed for a duplicate.
// `connectionError` (the agent gave up on the handshake) shows the contact as failed.
import type { Transaction } from '../../../node/sqlite';
import type { AgentEventMap } from '../agent';
import { createContact } from './contacts';
import { requireUser, type ChatContext } from './context';
import { Changes, publish } from './events';
import { probeNewContact } from './probes';
import { ConnInfoError, decodeConnInfo, xInfoConnInfo, type PeerConnInfo } from './profiles';
import {
  contactOfConn,
  setContactConnError,
  setContactStatus,
  updateContactProfile,
  updateContactVersion,
} from './store/contacts';
import { deleteInvitationRow, invitationByConn } from './store/invitations';

export async function onConfirmation(
  ctx: ChatContext,
  ev: AgentEventMap['confirmation'],
): Promise<void> {
  const info = readConnInfo(ctx, ev.connInfo);
  if (!info) return;
  const user = await requireUser(ctx.db);
  const changes = new Changes();
  const known = await ctx.db.transaction(async (tx) => {
    const contact = await contactOfConn(tx, ev.connId);
    if (contact) {
      // We asked through their address and they accepted: their profile is in the confirmation.
      await applyPeerInfo(tx, contact.id, info, ctx.now());
      changes.contacts.add(contact.id);
      return true;
    }
    const invitation = await invitationByConn(tx, ev.connId);
    if (!invitation) return false;
    const { contactId } = await createContact(
      tx,
      {
        userProfileId: invitation.userProfileId,
        profile: info.profile,
        connId: ev.connId,
        via: 'invitation',
        sendProbes: false,
        chatVersion: info.version,
      },
      ctx.now(),
    );
    await deleteInvitationRow(tx, invitation.id);
    changes.contacts.add(contactId);
    return true;
  });
  if (!known) {
    ctx.log.info('confirmation for a connection without a contact or invitation; ignored');
    return;
  }
  try {
    await ctx.agent().allowConnection(ev.connId, ev.confirmationId, xInfoConnInfo(user));
  } finally {
    // Shown either way: connecting, or failed once the agent's connectionError is handled.
    await publish(ctx.db, ctx.events, changes);
  }
}

export async function onInfo(ctx: ChatContext, ev: AgentEventMap['info']): Promise<void> {
  const info = readConnInfo(ctx, ev.connInfo);
  if (!info) return;
  const changes = new Changes();
  await ctx.db.transaction(async (tx) => {
    const contact = await contactOfConn(tx, ev.connId);
    if (!contact) return;
    await applyPeerInfo(tx, contact.id, info, ctx.now());
    changes.contacts.add(contact.id);
  });
  await publish(ctx.db, ctx.events, changes);
}

export async function onConnected(ctx: ChatContext, ev: AgentEventMap['connected']): Promise<void> {
  const contact = await ctx.db.transaction(async (tx) => {
    const c = await contactOfConn(tx, ev.connId);
    // Repeated events (at least once) and connections of other kinds change nothing.
    if (c?.status !== 'connecting') return null;
    await setContactStatus(tx, c.id, 'active', ctx.now());
    return c;
  });
  if (!contact) return;
  // Queued before the event, so the probes go out ahead of anything the user sends next.
  if (contact.sendProbes) await probeNewContact(ctx, contact.id);
  const changes = new Changes();
  changes.contacts.add(contact.id);
  await publish(ctx.db, ctx.events, changes);
}

export async function onConnectionError(
  ctx: ChatContext,
  ev: AgentEventMap['connectionError'],
): Promise<void> {
  const contact = await ctx.db.transaction(async (tx) => {
    const c = await contactOfConn(tx, ev.connId);
    // Repeated events, and connections that are no contact's (yet), change nothing.
    if (c?.status !== 'connecting' || c.connError !== null) return null;
    await setContactConnError(tx, c.id, ev.error.code, ctx.now());
    return c;
  });
  ctx.log.warn('connection failed', { error: ev.error, contact: contact !== null });
  if (!contact) return;
  const changes = new Changes();
  changes.contacts.add(contact.id);
  await publish(ctx.db, ctx.events, changes);
}

function readConnInfo(ctx: ChatContext, bytes: Uint8Array): PeerConnInfo | null {
  try {
    return decodeConnInfo(bytes);
  } catch (e) {
    if (!(e instanceof ConnInfoError)) throw e;
    // Left undecided: the agent keeps it and nothing connects.
    ctx.log.warn('handshake payload unreadable; ignored', { error: e });
    return null;
  }
}

async function applyPeerInfo(
  tx: Transaction,
  contactId: number,
  info: PeerConnInfo,
  now: string,
): Promise<void> {
  await updateContactProfile(tx, contactId, info.profile, now);
  await updateContactVersion(tx, contactId, info.version);
}
