// Contact deduplication probes (chat-protocol.md §7.7). When a contact we made by joining
// someone's link connects, we send it a fresh probe and send the probe's hash to every existing
// contact with the same profile. A peer that gets both (the probe on one connection, its hash on
// another) is the same person twice: it answers probe.ok over the old connection and merges the
// new contact into the old one; the ok lets us do the same. A peer that only gets one learns
// nothing, so a stranger with the same profile is never merged.
//
// Merging keeps the older contact (the one the hash went to, as upstream): the duplicate's items
// and reactions move into its chat, the duplicate's chat goes, and the duplicate's row stays as a
// 'merged' record whose connection keeps delivering to the survivor. We send over the survivor's
// connection only and delete neither (upstream keeps both connections too; it sends over the
// newer one, we over the older, which is the one both sides knew before the merge).
import type { Transaction } from '../../../node/sqlite';
import type { ChatContext } from './context';
import { requireUser } from './context';
import type { Changes } from './events';
import { newProbe, probeHash } from './ids';
import type { Incoming } from './incoming';
import { sameIdentity } from './profiles';
import { outgoing, sendBestEffort } from './send';
import { chatOfContact, deleteChatRow, moveChatItems } from './store/chats';
import {
  contactsWithIdentity,
  getContact,
  markContactMerged,
  type Contact,
} from './store/contacts';
import {
  insertReceivedProbe,
  insertSentProbe,
  insertSentProbeHash,
  probedContactFor,
  receivedWithHash,
} from './store/probes';
import { moveContactReactions } from './store/reactions';

/** Probes a newly connected contact against the existing contacts with its profile. */
export async function probeNewContact(ctx: ChatContext, contactId: number): Promise<void> {
  const user = await requireUser(ctx.db);
  const plan = await ctx.db.transaction(async (tx) => {
    const contact = await getContact(tx, contactId);
    if (contact?.status !== 'active' || contact.connId === null) return null;
    const matches = (await contactsWithIdentity(tx, user.id, contact, contact.id)).filter(
      (m) => m.connId !== null,
    );
    const probe = newProbe();
    const sentId = await insertSentProbe(tx, user.id, contact.id, probe, ctx.now());
    for (const m of matches) await insertSentProbeHash(tx, sentId, m.id, ctx.now());
    return { probe, connId: contact.connId, matches };
  });
  if (!plan) return;
  // The probe goes to every new contact, matched or not, so receiving one reveals nothing.
  await sendBestEffort(
    ctx,
    plan.connId,
    outgoing({ event: 'x.info.probe', params: { probe: plan.probe } }),
  );
  const check = outgoing({
    event: 'x.info.probe.check',
    params: { probeHash: probeHash(plan.probe) },
  });
  for (const m of plan.matches) if (m.connId !== null) await sendBestEffort(ctx, m.connId, check);
}

/** x.info.probe from the (possibly duplicate) contact that the probe's sender just connected. */
export async function onProbe(inc: Incoming, probe: Uint8Array): Promise<void> {
  const hash = probeHash(probe);
  const newer = inc.contact;
  await insertReceivedProbe(inc.tx, newer.userProfileId, newer.id, probe, hash, inc.now);
  for (const r of await receivedWithHash(inc.tx, newer.userProfileId, hash, newer.id)) {
    if (r.probe === null && (await probeMatch(inc, r.contactId, newer.id, probe))) return;
  }
}

/** x.info.probe.check over an older connection: the hash of a probe sent to a newer one. */
export async function onProbeCheck(inc: Incoming, hash: Uint8Array): Promise<void> {
  const older = inc.contact;
  await insertReceivedProbe(inc.tx, older.userProfileId, older.id, null, hash, inc.now);
  for (const r of await receivedWithHash(inc.tx, older.userProfileId, hash, older.id)) {
    if (r.probe !== null && (await probeMatch(inc, older.id, r.contactId, r.probe))) return;
  }
}

/** x.info.probe.ok over the older connection: the peer got both our probe and its hash. */
export async function onProbeOk(inc: Incoming, probe: Uint8Array): Promise<void> {
  const older = inc.contact;
  const newerId = await probedContactFor(inc.tx, older.userProfileId, probe, older.id);
  const newer = newerId === null ? null : await current(inc.tx, newerId);
  if (!newer || newer.id === older.id || newer.status === 'deleted') {
    inc.log.info('probe.ok without a matching probe ignored');
    return;
  }
  await mergeContacts(inc.tx, newer, older, inc.changes, inc.now);
}

/** We received a probe and its hash: answer over the older connection and merge. */
async function probeMatch(
  inc: Incoming,
  olderId: number,
  newerId: number,
  probe: Uint8Array,
): Promise<boolean> {
  const older = await current(inc.tx, olderId);
  const newer = await current(inc.tx, newerId);
  if (!older || !newer || older.id === newer.id) return false;
  if (older.status !== 'active' || newer.status !== 'active' || !sameIdentity(older, newer)) {
    return false;
  }
  if (older.connId !== null) {
    inc.followUps.push({
      kind: 'send',
      connId: older.connId,
      message: outgoing({ event: 'x.info.probe.ok', params: { probe } }),
    });
  }
  await mergeContacts(inc.tx, newer, older, inc.changes, inc.now);
  return true;
}

/** The contact as it is now: a merged one is represented by the contact it was merged into. */
async function current(tx: Transaction, id: number): Promise<Contact | null> {
  const contact = await getContact(tx, id);
  return contact?.mergedInto != null ? getContact(tx, contact.mergedInto) : contact;
}

/** Merges the duplicate `from` into `to` (see the top of this file). */
export async function mergeContacts(
  tx: Transaction,
  from: Contact,
  to: Contact,
  changes: Changes,
  now: string,
): Promise<void> {
  const fromChat = await chatOfContact(tx, from.id);
  const toChat = await chatOfContact(tx, to.id);
  if (fromChat && toChat) {
    await moveChatItems(tx, fromChat.id, toChat.id, now);
    await deleteChatRow(tx, fromChat.id);
  }
  await moveContactReactions(tx, from.id, to.id);
  await markContactMerged(tx, from.id, to.id, now);
  changes.contactRemoved(from.id);
  changes.contacts.add(to.id);
  if (toChat) changes.chats.add(toChat.id);
}
