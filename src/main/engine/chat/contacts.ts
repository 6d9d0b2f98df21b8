// Contacts as the user sees them: created with their chat, listed, read and deleted. Deleting
// tells the contact (x.direct.del) and deletes the connection once that message went out; the
// contact's chat and items go with it.
import type { Transaction } from '../../../node/sqlite';
import type { ContactView } from '../../../shared/models/contacts';
import { requireUser, type ChatContext } from './context';
import { notFound } from './errors';
import { Changes, publish } from './events';
import { outgoing, sendBestEffort } from './send';
import { insertDirectChat } from './store/chats';
import { scheduleConnDeletion } from './store/conn-deletions';
import {
  deleteContactRow,
  getContact,
  insertContact,
  listContacts,
  mergedContacts,
  type Contact,
  type NewContact,
} from './store/contacts';
import { contactView } from './views';

export interface CreatedContact {
  readonly contactId: number;
  readonly chatRowId: number;
}

/** A new contact (connecting) with its direct chat. */
export async function createContact(
  tx: Transaction,
  contact: NewContact,
  now: string,
): Promise<CreatedContact> {
  const contactId = await insertContact(tx, contact, now);
  const chatRowId = await insertDirectChat(tx, contact.userProfileId, contactId, now);
  return { contactId, chatRowId };
}

/** A contact of the active user that the user can see (not merged away). */
export async function requireContact(ctx: ChatContext, id: number): Promise<Contact> {
  const user = await requireUser(ctx.db);
  const contact = await getContact(ctx.db, id);
  if (!contact || contact.userProfileId !== user.id || contact.status === 'merged') {
    throw notFound('this contact');
  }
  return contact;
}

export async function listContactViews(ctx: ChatContext): Promise<ContactView[]> {
  const user = await requireUser(ctx.db);
  return (await listContacts(ctx.db, user.id)).map(contactView);
}

export async function deleteContact(ctx: ChatContext, id: number): Promise<void> {
  const contact = await requireContact(ctx, id);
  await ctx.serial.run(contact.connId ?? `contact:${id}`, async () => {
    // Best effort: if the contact cannot be told, it is deleted here all the same.
    const waitMsgId =
      contact.status === 'active' && contact.connId !== null
        ? await sendBestEffort(ctx, contact.connId, outgoing({ event: 'x.direct.del', params: {} }))
        : null;
    const duplicates = await mergedContacts(ctx.db, id);
    const deletions = [
      ...(contact.connId !== null ? [{ connId: contact.connId, waitMsgId }] : []),
      ...duplicates.flatMap((d) =>
        d.connId !== null ? [{ connId: d.connId, waitMsgId: null }] : [],
      ),
    ];
    await ctx.db.transaction(async (tx) => {
      // The chat, its items and the merged duplicates go with the row (ON DELETE CASCADE).
      await deleteContactRow(tx, id);
      for (const d of deletions) await scheduleConnDeletion(tx, d.connId, d.waitMsgId, ctx.now());
    });
    await Promise.all(deletions.map((d) => ctx.deleter.schedule(d)));
  });
  const changes = new Changes();
  changes.contactRemoved(id);
  await publish(ctx.db, ctx.events, changes);
}
