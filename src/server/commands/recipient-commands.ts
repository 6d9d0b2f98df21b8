// Recipient commands (§1.4, §1.5): NEW, SUB, GET, ACK, KEY, OFF, DEL and QUE. Each decides on
// the in-memory queue at once, then persists the decision before it answers; only ACK answers
// as soon as its delete is queued (see acknowledge).
import { sha256 } from '../../protocol/crypto/hash';
import { encodeSpki, decodeSpki } from '../../protocol/crypto/keys';
import { randomBytes } from '../../protocol/crypto/random';
import { x25519Dh, x25519KeyPair } from '../../protocol/crypto/x25519';
import { base64 } from '../../protocol/encoding/base64';
import { bytesEqual } from '../../protocol/encoding/bytes';
import { senderIdFromCorrId } from '../../protocol/smp/authorization';
import { cmdError } from '../../protocol/smp/errors';
import type { QueueInfo } from '../../protocol/smp/queue-info';
import { nowSeconds } from '../clock';
import { removeHead } from '../queues/messages';
import { idKey, type Queue } from '../queues/queue';
import {
  errorOutcome,
  queueOf,
  OK,
  reply,
  type CallOf,
  type ClientSession,
  type Outcome,
  type ServerContext,
  type Subscription,
} from './context';
import { pushHead, renderMessage, takeHead } from './delivery';
import { persist } from './persist';

const QUEUE_ID_SIZE = 24;
const AUTH = errorOutcome({ type: 'AUTH' });
const PROHIBITED = errorOutcome(cmdError('PROHIBITED'));

/** The connection's subscription of `mode` to `q`, created if there is room. */
function subscriptionFor(
  ctx: ServerContext,
  session: ClientSession,
  q: Queue,
  mode: Subscription['mode'],
): Subscription | 'prohibited' {
  const key = idKey(q.recipientId);
  const existing = session.subscriptions.get(key);
  // One connection either subscribes to a queue or reads it with GET, never both.
  if (existing) return existing.mode === mode ? existing : 'prohibited';
  if (session.subscriptions.size >= ctx.settings.maxSubscriptions) return 'prohibited';
  const sub: Subscription = { recipientId: q.recipientId, mode, delivered: undefined };
  session.subscriptions.set(key, sub);
  if (mode === 'subscribe') ctx.subscribers.subscribe(q.recipientId, session);
  return sub;
}

/** Fresh random ids not used by any queue; client-chosen ids that are taken fail (no retry). */
function newQueueIds(
  ctx: ServerContext,
  senderId: Uint8Array | undefined,
  linkId: Uint8Array | undefined,
): { recipientId: Uint8Array; senderId: Uint8Array } | 'taken' {
  for (let attempt = 0; attempt < 3; attempt++) {
    const ids = {
      recipientId: randomBytes(QUEUE_ID_SIZE),
      senderId: senderId ?? randomBytes(QUEUE_ID_SIZE),
    };
    if (!ctx.queues.isTaken(ids.recipientId, ids.senderId, linkId)) return ids;
    if (senderId || linkId) return 'taken';
  }
  return 'taken';
}

export async function createQueue(call: CallOf<'NEW'>): Promise<Outcome> {
  const { ctx, session, corrId, command: c } = call;
  const required = ctx.settings.basicAuth;
  if (required !== undefined && c.basicAuth !== required) return AUTH;
  const request = c.queueRequest;
  const link = request?.link;
  // A client-chosen sender id must be derived from this NEW's corrId, so that NEW cannot be
  // used to probe whether some queue id exists.
  if (link && !bytesEqual(link.senderId, senderIdFromCorrId(corrId))) return PROHIBITED;
  const linkId = link ? ('linkId' in link ? link.linkId : randomBytes(QUEUE_ID_SIZE)) : undefined;
  const ids = newQueueIds(ctx, link?.senderId, linkId);
  if (ids === 'taken') return AUTH;
  if (c.subscribe && session.subscriptions.size >= ctx.settings.maxSubscriptions) return PROHIBITED;

  const serverKey = x25519KeyPair();
  let rcvDhSecret: Uint8Array;
  try {
    rcvDhSecret = x25519Dh(decodeSpki('x25519', c.rcvDhKey), serverKey.privateKey);
  } catch {
    return errorOutcome({ type: 'CRYPTO' });
  }
  const now = nowSeconds(ctx.clock);
  const q: Queue = {
    ...ids,
    recipientKeys: [c.rcvAuthKey],
    rcvDhSecret,
    senderKey: undefined,
    mode: request?.mode,
    status: 'active',
    link: link && linkId ? { linkId, fixedDigest: sha256(link.data.fixedData) } : undefined,
    messages: [],
    createdAt: now,
    updatedAt: now,
  };
  ctx.queues.add(q);
  await persist(ctx, q, ctx.store.createQueue(q, link?.data));
  if (c.subscribe) subscriptionFor(ctx, session, q, 'subscribe');
  return reply({
    type: 'IDS',
    recipientId: q.recipientId,
    senderId: q.senderId,
    serverDhKey: encodeSpki('x25519', serverKey.publicKey),
    queueMode: q.mode,
    linkId: q.link?.linkId,
  });
}

/** SUB: answered OK/SOK; the waiting message, if any, follows as a MSG event. */
export function subscribe(call: CallOf<'SUB'>): Outcome {
  const { ctx, session } = call;
  const q = queueOf(call);
  const sub = subscriptionFor(ctx, session, q, 'subscribe');
  if (sub === 'prohibited') return PROHIBITED;
  // A repeated SUB (e.g. after a lost response) delivers the unacknowledged message again.
  sub.delivered = undefined;
  return reply({ type: 'SOK', serviceId: undefined }, () =>
    pushHead(ctx, q, sub, (msg) => session.sendEvent(q.recipientId, msg)),
  );
}

export async function getMessage(call: CallOf<'GET'>): Promise<Outcome> {
  const { ctx, session } = call;
  const q = queueOf(call);
  const sub = subscriptionFor(ctx, session, q, 'get');
  if (sub === 'prohibited') return PROHIBITED;
  const head = takeHead(ctx, q, sub);
  const msg = head && (await renderMessage(ctx, q, head));
  return msg ? reply(msg) : OK;
}

/**
 * ACK: deletes the delivered message; answers with the next MSG or OK.
 *
 * The answer does not wait for the delete to commit. Each queue has one message in flight, so
 * that wait (a SQLite transaction, milliseconds on a busy server) would bound every queue's
 * throughput; and all a lost delete can cause (a crash before the commit, or a failed write,
 * after which the queue is re-read from SQLite) is that the message is delivered again, which
 * SMP allows for any ACK and clients recognise by its msgId. The delete is still ordered before
 * every later write, and nothing a SEND was told OK about depends on it.
 */
export async function acknowledge(call: CallOf<'ACK'>): Promise<Outcome> {
  const { ctx, session, command: c } = call;
  const q = queueOf(call);
  const sub = session.subscriptions.get(idKey(q.recipientId));
  const delivered = sub?.delivered;
  // An empty msgId acknowledges whatever was delivered.
  if (!sub || !delivered || (c.msgId.length > 0 && !bytesEqual(c.msgId, delivered))) {
    return errorOutcome({ type: 'NO_MSG' });
  }
  sub.delivered = undefined;
  // The message may have expired meanwhile; then there is nothing to delete.
  const removed = removeHead(q, delivered);
  if (removed) {
    ctx.bodies.drop([removed]);
    persist(ctx, q, ctx.store.deleteMessages([removed])).catch(() => undefined);
  }
  const next = sub.mode === 'subscribe' ? takeHead(ctx, q, sub) : undefined;
  const msg = next && (await renderMessage(ctx, q, next));
  return msg ? reply(msg) : OK;
}

/** Sets the sender key; securing again with the same key is a no-op, another key is AUTH. */
export async function secureQueue(ctx: ServerContext, q: Queue, key: Uint8Array): Promise<Outcome> {
  if (q.senderKey) return bytesEqual(q.senderKey, key) ? OK : AUTH;
  q.senderKey = key;
  q.updatedAt = nowSeconds(ctx.clock);
  await persist(ctx, q, ctx.store.saveQueue(q));
  return OK;
}

/** KEY: the recipient secures a messaging queue (legacy path); contact queues never are. */
export function secureByRecipient(call: CallOf<'KEY'>): Promise<Outcome> | Outcome {
  const q = queueOf(call);
  if (q.mode === 'contact') return AUTH;
  return secureQueue(call.ctx, q, call.command.senderKey);
}

/** OFF: the queue takes no more messages (SEND gets AUTH); everything else still works. */
export async function suspendQueue(call: CallOf<'OFF'>): Promise<Outcome> {
  const { ctx } = call;
  const q = queueOf(call);
  q.status = 'off';
  q.updatedAt = nowSeconds(ctx.clock);
  await persist(ctx, q, ctx.store.saveQueue(q));
  return OK;
}

/** DEL: removes the queue and its messages; another subscribed connection gets DELD. */
export async function deleteQueue(call: CallOf<'DEL'>): Promise<Outcome> {
  const { ctx, session } = call;
  const q = queueOf(call);
  ctx.queues.remove(q);
  ctx.bodies.drop(q.messages);
  ctx.subscribers.deleted(q.recipientId, session);
  await persist(ctx, q, ctx.store.deleteQueue(q.recipientId));
  return OK;
}

/** QUE: the queue's state as upstream's INFO JSON (a debugging aid). */
export function queueInfo(call: CallOf<'QUE'>): Outcome {
  const q = queueOf(call);
  const sub = call.session.subscriptions.get(idKey(q.recipientId));
  const head = q.messages[0];
  const info: QueueInfo = {
    qiSnd: q.senderKey !== undefined,
    qiNtf: false,
    qiSub: sub && {
      qSubThread: sub.mode === 'get' ? 'prohibitSub' : 'noSub',
      qDelivered: sub.delivered && base64(sub.delivered),
    },
    qiSize: q.messages.length,
    qiMsg: head && {
      msgId: base64(head.msgId),
      msgTs: new Date(head.timestamp * 1000).toISOString(),
      msgType: head.quota ? 'quota' : 'message',
    },
  };
  return reply({ type: 'INFO', info });
}
