// What one received message does to the store, inside the receive transaction: new items,
// edits, deletions and reactions from the contact, profile updates and the contact's deletion.
// Everything to announce goes into `changes`; everything to send goes into `followUps` (both
// happen after the commit).
import { z } from 'zod';
import type { Transaction } from '../../../node/sqlite';
import {
  MsgContent,
  MsgReaction,
  type ChatMessage,
  type EventParams,
} from '../../../protocol/chat';
import type { ConnId } from '../agent';
import type { Logger } from '../log';
import type { Changes } from './events';
import { peerProfile } from './profiles';
import { decrementUnread, touchChat } from './store/chats';
import { scheduleConnDeletion } from './store/conn-deletions';
import {
  markContactDeleted,
  mergedContacts,
  updateContactProfile,
  type Contact,
} from './store/contacts';
import { insertItem, itemBySharedMsgId, markItemDeleted, updateItemContent } from './store/items';
import { addReaction, removeReaction } from './store/reactions';

/** Something to do once the receive transaction committed. */
export type FollowUp =
  | { readonly kind: 'send'; readonly connId: ConnId; readonly message: ChatMessage }
  | { readonly kind: 'deleteConn'; readonly connId: ConnId };

/** The receive transaction's state for one agent message. */
export interface Incoming {
  readonly tx: Transaction;
  readonly log: Logger;
  readonly now: string;
  /** The contact the message is for (the surviving one, when it came on a merged duplicate). */
  readonly contact: Contact;
  /** The connection it arrived on. */
  readonly connId: ConnId;
  readonly chatRowId: number;
  /** The server's time of the message: received items are dated by it. */
  readonly brokerTs: string;
  readonly changes: Changes;
  readonly followUps: FollowUp[];
}

/** How a content value is stored: its type tag, its wire JSON and the text shown for it. */
export function storedContent(content: MsgContent): {
  contentType: string;
  contentJson: string;
  text: string;
} {
  return {
    contentType: content.type === 'unknown' ? content.tag : content.type,
    contentJson: JSON.stringify(z.encode(MsgContent, content)),
    text: content.text,
  };
}

/** The emoji a reaction is shown and counted as; unknown kinds keep a readable key. */
export function reactionEmoji(reaction: MsgReaction): string | null {
  if (reaction.type === 'emoji') return reaction.emoji;
  const emoji = reaction.json.emoji;
  return typeof emoji === 'string' && emoji.length >= 1 && emoji.length <= 16 ? emoji : null;
}

export async function onNewMessage(
  inc: Incoming,
  msgId: Uint8Array | undefined,
  params: EventParams<'x.msg.new'>,
): Promise<void> {
  const itemId = await insertItem(
    inc.tx,
    {
      chatId: inc.chatRowId,
      direction: 'rcv',
      sharedMsgId: msgId ?? null,
      ...storedContent(params.content),
      sentAt: inc.brokerTs,
      status: 'received',
    },
    inc.now,
  );
  // null: the same message again (redelivered after a crash before the ACK); already shown.
  // The chat's last item and unread count follow by themselves (migration 0008).
  if (itemId !== null) inc.changes.addedItems.push(itemId);
}

export async function onUpdate(inc: Incoming, params: EventParams<'x.msg.update'>): Promise<void> {
  // Only the author updates a message: in a direct chat, the contact's own (received) items.
  const item = await itemBySharedMsgId(inc.tx, inc.chatRowId, params.msgId, 'rcv');
  if (!item || item.deleted) {
    inc.log.info('update of an unknown or deleted message ignored');
    return;
  }
  await updateItemContent(inc.tx, item.id, storedContent(params.content), inc.now);
  inc.changes.updatedItems.add(item.id);
}

export async function onDelete(inc: Incoming, params: EventParams<'x.msg.del'>): Promise<void> {
  if (params.memberId) {
    inc.log.info('moderation outside a group ignored');
    return;
  }
  const item = await itemBySharedMsgId(inc.tx, inc.chatRowId, params.msgId, 'rcv');
  if (!item || item.deleted) return;
  await markItemDeleted(inc.tx, item.id);
  if (item.status === 'received') await decrementUnread(inc.tx, inc.chatRowId);
  inc.changes.updatedItems.add(item.id);
  inc.changes.chats.add(inc.chatRowId);
}

export async function onReaction(inc: Incoming, params: EventParams<'x.msg.react'>): Promise<void> {
  // Either side's message: the contact reacts to ours and to its own.
  const item = await itemBySharedMsgId(inc.tx, inc.chatRowId, params.msgId);
  const emoji = reactionEmoji(params.reaction);
  if (!item || item.deleted || emoji === null) {
    inc.log.info('reaction to an unknown or deleted message ignored');
    return;
  }
  const reactor = { kind: 'contact', contactId: inc.contact.id } as const;
  const changed = params.add
    ? await addReaction(
        inc.tx,
        item.id,
        reactor,
        emoji,
        JSON.stringify(z.encode(MsgReaction, params.reaction)),
        inc.now,
      )
    : await removeReaction(inc.tx, item.id, reactor, emoji);
  if (changed) inc.changes.updatedItems.add(item.id);
}

export async function onProfile(inc: Incoming, params: EventParams<'x.info'>): Promise<void> {
  await updateContactProfile(inc.tx, inc.contact.id, peerProfile(params.profile), inc.now);
  inc.changes.contacts.add(inc.contact.id);
}

/** The contact deleted us: its history stays, marked deleted; its connections go. */
export async function onContactDeleted(inc: Incoming): Promise<void> {
  const duplicates = await mergedContacts(inc.tx, inc.contact.id);
  const connIds = [inc.contact.connId, ...duplicates.map((d) => d.connId)].flatMap((c) =>
    c === null ? [] : [c],
  );
  await markContactDeleted(inc.tx, inc.contact.id, inc.now);
  await touchChat(inc.tx, inc.chatRowId, inc.now);
  for (const connId of connIds) {
    await scheduleConnDeletion(inc.tx, connId, null, inc.now);
    inc.followUps.push({ kind: 'deleteConn', connId });
  }
  inc.changes.contacts.add(inc.contact.id);
}
