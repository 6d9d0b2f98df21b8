// Sender commands (§1.4, §1.5): SKEY, SEND, and PING.
import { maxMessageLength } from '../../protocol/smp/versions';
import { nowSeconds } from '../clock';
import { errorText } from '../log';
import { admission } from '../queues/messages';
import { isSecuredMessagingQueue, type MessageMeta, type Queue } from '../queues/queue';
import {
  errorOutcome,
  queueOf,
  OK,
  reply,
  type CallOf,
  type Outcome,
  type ServerContext,
} from './context';
import { deliverSent, expireQueue, isSubscribed, newMsgId } from './delivery';
import { persist } from './persist';
import { secureQueue } from './recipient-commands';

/** SKEY: the sender secures a messaging queue with its key (verification checked the mode). */
export function secureBySender(call: CallOf<'SKEY'>): Promise<Outcome> | Outcome {
  return secureQueue(call.ctx, queueOf(call), call.command.senderKey);
}

/** One-time link data goes once the invitation's queue is secured and used. */
function dropUsedInvitationLink(ctx: ServerContext, q: Queue): void {
  if (!q.link || !isSecuredMessagingQueue(q)) return;
  const previous = q.link.linkId;
  q.link = undefined;
  ctx.queues.relink(q, previous);
  persist(ctx, q, ctx.store.deleteLink(q)).catch((e: unknown) =>
    ctx.log.warn('could not delete used link data', { error: errorText(e) }),
  );
}

/** SEND: stores the message (answered OK once committed) and delivers it if the queue was idle. */
export async function sendMessage(call: CallOf<'SEND'>): Promise<Outcome> {
  const { ctx, session, command: c } = call;
  const q = queueOf(call);
  if (c.body.length > maxMessageLength(session.version)) return errorOutcome({ type: 'LARGE_MSG' });
  if (q.status === 'off') return errorOutcome({ type: 'AUTH' });
  dropUsedInvitationLink(ctx, q);
  expireQueue(ctx, q);
  const decision = admission(q, ctx.settings.quota);
  if (decision === 'refuse') return errorOutcome({ type: 'QUOTA' });
  const quota = decision === 'quota-marker';
  const meta: MessageMeta = {
    rowId: ctx.store.nextMessageRowId(),
    msgId: newMsgId(),
    timestamp: nowSeconds(ctx.clock),
    quota,
    notification: !quota && c.notification,
  };
  q.messages.push(meta);
  // A subscriber takes it from memory, whether it goes out now or after the ACKs before it.
  if (!quota && isSubscribed(ctx, q)) ctx.bodies.keep(meta.rowId, c.body);
  await persist(ctx, q, ctx.store.addMessage(q.recipientId, meta, quota ? undefined : c.body));
  if (quota) return errorOutcome({ type: 'QUOTA' });
  return reply(OK.response, () => deliverSent(ctx, q, meta, c.body));
}

export function ping(): Outcome {
  return reply({ type: 'PONG' });
}
