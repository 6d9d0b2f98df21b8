// Delivery of messages to the recipient (§1.5): at most one unacknowledged message per
// subscription, the head of the queue, re-encrypted for the recipient with the msgId as nonce.
// Expired messages are removed before any delivery, so they are never delivered.
//
// Bodies of subscribed queues are kept in memory (ctx.bodies, bounded) from SEND to ACK, and the
// body of the message after the delivered one is read ahead, so an ACK is answered with the next
// MSG without waiting for SQLite. Every way a message leaves its queue drops its body.
import { randomBytes } from '../../protocol/crypto/random';
import { encryptReceivedMessage, type ReceivedMessage } from '../../protocol/smp/delivery';
import type { Response } from '../../protocol/smp/responses';
import { nowSeconds } from '../clock';
import { errorText } from '../log';
import { expireHead } from '../queues/messages';
import { idKey, type MessageMeta, type Queue } from '../queues/queue';
import type { ClientSession, ServerContext, Subscription } from './context';
import { persist } from './persist';

export const MSG_ID_SIZE = 24;

export function newMsgId(): Uint8Array {
  return randomBytes(MSG_ID_SIZE);
}

/** Removes expired messages from the head of `q` (and from SQLite). */
export function expireQueue(ctx: ServerContext, q: Queue): number {
  const expired = expireHead(q, nowSeconds(ctx.clock) - ctx.settings.messageTtlSeconds);
  if (expired.length > 0) {
    ctx.bodies.drop(expired);
    persist(ctx, q, ctx.store.deleteMessages(expired)).catch(() => undefined);
  }
  return expired.length;
}

/** Whether a connection is subscribed to `q` (its messages are delivered as they come). */
export function isSubscribed(ctx: ServerContext, q: Queue): boolean {
  return ctx.subscribers.current(q.recipientId) !== undefined;
}

/** Picks the head message for `sub` (after expiry) and marks it delivered. */
export function takeHead(ctx: ServerContext, q: Queue, sub: Subscription): MessageMeta | undefined {
  expireQueue(ctx, q);
  const head = q.messages[0];
  sub.delivered = head?.msgId;
  if (head && sub.mode === 'subscribe') readAhead(ctx, q);
  return head;
}

/** Loads the body of the message after the head into memory, for the MSG that answers the ACK. */
function readAhead(ctx: ServerContext, q: Queue): void {
  const next = q.messages[1];
  if (!next || next.quota || ctx.bodies.get(next.rowId)) return;
  ctx.store.readBody(next.rowId).then(
    (body) => {
      // Unless it left the queue, or the queue its subscriber, meanwhile.
      const awaited =
        ctx.queues.byRecipientId(q.recipientId) === q &&
        q.messages.includes(next) &&
        isSubscribed(ctx, q);
      if (body && awaited) ctx.bodies.keep(next.rowId, body);
    },
    () => undefined, // It is read again when its turn comes.
  );
}

/** After a connection closed: the bodies of queues that nobody is subscribed to now go. */
export function forgetUnsubscribed(ctx: ServerContext, session: ClientSession): void {
  for (const sub of session.subscriptions.values()) {
    const q = ctx.queues.byRecipientId(sub.recipientId);
    if (q && !isSubscribed(ctx, q)) ctx.bodies.drop(q.messages);
  }
}

function msgResponse(q: Queue, m: MessageMeta, body: Uint8Array | undefined): Response | undefined {
  let plain: ReceivedMessage;
  if (m.quota) plain = { type: 'quota', timestamp: m.timestamp };
  else if (body) {
    plain = { type: 'message', timestamp: m.timestamp, notification: m.notification, body };
  } else return undefined;
  return {
    type: 'MSG',
    msgId: m.msgId,
    body: encryptReceivedMessage(q.rcvDhSecret, m.msgId, plain),
  };
}

/** The MSG for a picked message (reading its body); undefined if it has vanished meanwhile. */
export async function renderMessage(
  ctx: ServerContext,
  q: Queue,
  m: MessageMeta,
): Promise<Response | undefined> {
  const body = m.quota
    ? undefined
    : (ctx.bodies.get(m.rowId) ?? (await ctx.store.readBody(m.rowId)));
  return msgResponse(q, m, body);
}

/** Pushes the head of `q` as a MSG event on `sub`'s connection, if there is one. */
export function pushHead(
  ctx: ServerContext,
  q: Queue,
  sub: Subscription,
  send: (r: Response) => void,
): void {
  const head = takeHead(ctx, q, sub);
  if (!head) return;
  renderMessage(ctx, q, head).then(
    (msg) => {
      if (msg && sub.delivered === head.msgId) send(msg);
    },
    (e: unknown) => ctx.log.error('could not read a message to deliver', { error: errorText(e) }),
  );
}

/**
 * After a SEND committed: the message goes straight to the subscriber if it is the head of the
 * queue and the subscription has nothing unacknowledged (otherwise ACK or SUB will deliver it).
 */
export function deliverSent(ctx: ServerContext, q: Queue, m: MessageMeta, body: Uint8Array): void {
  if (ctx.queues.byRecipientId(q.recipientId) !== q || q.messages[0] !== m) return;
  const session = ctx.subscribers.current(q.recipientId);
  const sub = session?.subscriptions.get(idKey(q.recipientId));
  if (!session || sub?.mode !== 'subscribe' || sub.delivered) return;
  const msg = msgResponse(q, m, body);
  if (!msg) return;
  sub.delivered = m.msgId;
  session.sendEvent(q.recipientId, msg);
}
