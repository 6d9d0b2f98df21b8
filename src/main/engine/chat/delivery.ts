// Delivery status of sent items, from the agent's events: `sent` (the server accepted it),
// `delivered` (the contact's receipt arrived) and `messageError` (it will not be delivered).
// Statuses only move forward; events about messages that carry no item (edits, probes…) are
// ignored here.
import type { AgentError, AgentEventMap, ConnId, AgentMsgId } from '../agent';
import type { ChatContext } from './context';
import { Changes, publish } from './events';
import { getChat } from './store/chats';
import { getDelivery, setDeliveryStatus, type DeliveryStatus } from './store/deliveries';
import { canAdvance, getItem, setItemStatus } from './store/items';

export async function onSent(ctx: ChatContext, ev: AgentEventMap['sent']): Promise<void> {
  await advance(ctx, ev.connId, ev.agentMsgId, 'sent', null);
}

export async function onDelivered(ctx: ChatContext, ev: AgentEventMap['delivered']): Promise<void> {
  if (ev.status !== 'ok') ctx.log.warn('delivery receipt with a different message hash');
  await advance(ctx, ev.connId, ev.agentMsgId, 'delivered', null);
}

export async function onMessageError(
  ctx: ChatContext,
  ev: AgentEventMap['messageError'],
): Promise<void> {
  await advance(ctx, ev.connId, ev.agentMsgId, 'error', deliveryErrorText(ev.error));
}

/** Why a message was not delivered, in words a user can act on. */
export function deliveryErrorText(error: AgentError): string {
  switch (error.code) {
    case 'EXPIRED':
      return 'not delivered in time; the contact may be offline for long or the server unreachable';
    case 'AUTH':
      return 'the contact’s connection no longer exists';
    case 'LARGE_MSG':
      return 'the message is too large';
    default:
      return 'the message could not be delivered';
  }
}

async function advance(
  ctx: ChatContext,
  connId: ConnId,
  agentMsgId: AgentMsgId,
  status: DeliveryStatus,
  error: string | null,
): Promise<void> {
  const changes = new Changes();
  await ctx.db.transaction(async (tx) => {
    const delivery = await getDelivery(tx, connId, agentMsgId);
    if (!delivery || !canAdvance(delivery.status, status)) return;
    await setDeliveryStatus(tx, connId, agentMsgId, status, error);
    const item = await getItem(tx, delivery.itemId);
    // A direct chat has one delivery per item, so the item's status is the delivery's.
    if (!item || !canAdvance(item.status, status)) return;
    await setItemStatus(tx, item.id, status, error);
    changes.updatedItems.add(item.id);
    const chat = await getChat(tx, item.chatId);
    if (chat?.lastItemId === item.id) changes.chats.add(chat.id);
  });
  await publish(ctx.db, ctx.events, changes);
}
