// The receive path. An agent `message` is decoded (decodeChatBody: one result per message of a
// batch, bad ones logged and skipped, never fatal), then every event in it is applied in ONE
// transaction. After the commit the message is ACKed (with a delivery receipt when it carried a
// new message), the changes are announced and any replies sent. A crash before the ACK makes
// the agent deliver the message again, and the items' unique key absorbs the repeat.
import type { Database } from '../../../node/sqlite';
import { decodeChatBody, type ChatMessage } from '../../../protocol/chat';
import type { AgentEventMap, ConnId } from '../agent';
import type { Logger } from '../log';
import type { ChatContext } from './context';
import { isShutdown } from './errors';
import { Changes, publish } from './events';
import {
  onContactDeleted,
  onDelete,
  onNewMessage,
  onProfile,
  onReaction,
  onUpdate,
  type FollowUp,
  type Incoming,
} from './incoming';
import { onProbe, onProbeCheck, onProbeOk } from './probes';
import { sendBestEffort } from './send';
import { receiverOfConn, updateContactVersion } from './store/contacts';

export interface ReceivedMessage {
  readonly connId: ConnId;
  readonly body: Uint8Array;
  readonly brokerTs: Date;
}

export interface Applied {
  /** Whether the message was for a known contact (otherwise nothing was stored). */
  readonly known: boolean;
  /** It carried a new message: ACK it with a delivery receipt. */
  readonly receipt: boolean;
  readonly changes: Changes;
  readonly followUps: readonly FollowUp[];
}

/** Decodes a message and applies it in one transaction; the network is not touched. */
export async function applyReceived(
  db: Database,
  log: Logger,
  now: string,
  msg: ReceivedMessage,
): Promise<Applied> {
  const messages: ChatMessage[] = [];
  for (const item of decodeChatBody(msg.body)) {
    if (!item.ok) {
      log.warn('undecodable chat message ignored', { error: item.error });
    } else if (item.element.kind !== 'message' || item.element.forward || item.element.signed) {
      log.info('binary, forwarded or signed element in a direct chat ignored');
    } else {
      messages.push(item.element.message);
    }
  }
  const changes = new Changes();
  const followUps: FollowUp[] = [];
  const outcome = await db.transaction(async (tx) => {
    const receiver = await receiverOfConn(tx, msg.connId);
    if (!receiver || receiver.chatRowId === null) return { known: false, receipt: false };
    const inc: Incoming = {
      tx,
      log,
      now,
      contact: receiver.contact,
      connId: msg.connId,
      chatRowId: receiver.chatRowId,
      brokerTs: msg.brokerTs.toISOString(),
      changes,
      followUps,
    };
    let receipt = false;
    for (const m of messages) {
      if (m.event === 'x.msg.new') receipt = true;
      await applyEvent(inc, m);
    }
    const last = messages.at(-1);
    const v = receiver.contact.chatVersion;
    if (last && (last.version.min !== v.min || last.version.max !== v.max)) {
      await updateContactVersion(tx, receiver.contact.id, last.version);
    }
    return { known: true, receipt };
  });
  return { ...outcome, changes, followUps };
}

async function applyEvent(inc: Incoming, m: ChatMessage): Promise<void> {
  switch (m.event) {
    case 'x.msg.new':
      return onNewMessage(inc, m.msgId, m.params);
    case 'x.msg.update':
      return onUpdate(inc, m.params);
    case 'x.msg.del':
      return onDelete(inc, m.params);
    case 'x.msg.react':
      return onReaction(inc, m.params);
    case 'x.info':
      return onProfile(inc, m.params);
    case 'x.info.probe':
      return onProbe(inc, m.params.probe);
    case 'x.info.probe.check':
      return onProbeCheck(inc, m.params.probeHash);
    case 'x.info.probe.ok':
      return onProbeOk(inc, m.params.probe);
    case 'x.direct.del':
      return onContactDeleted(inc);
    case 'x.ok':
      return;
    default:
      inc.log.info('chat event not handled in a direct chat', {
        event: m.event === 'unknown' ? m.tag : m.event,
      });
  }
}

/** Empty receipt info, as upstream sends. */
const RECEIPT = new Uint8Array(0);

/** The agent's `message` event, run in the connection's queue. */
export async function onAgentMessage(
  ctx: ChatContext,
  ev: AgentEventMap['message'],
): Promise<void> {
  let applied: Applied;
  try {
    applied = await applyReceived(ctx.db, ctx.log, ctx.now(), ev);
  } catch (e) {
    if (isShutdown(e)) throw e;
    // A message we cannot store would stall its queue for good if it stayed un-ACKed.
    ctx.log.error('received message could not be applied; dropped', {
      error: e instanceof Error ? e : null,
    });
    await ctx.agent().ackMessage(ev.connId, ev.agentMsgId);
    return;
  }
  if (!applied.known) ctx.log.info('message on a connection without a contact; acknowledged');
  await ctx
    .agent()
    .ackMessage(ev.connId, ev.agentMsgId, applied.receipt ? { receipt: RECEIPT } : {});
  await publish(ctx.db, ctx.events, applied.changes);
  for (const f of applied.followUps) {
    if (f.kind === 'send') await sendBestEffort(ctx, f.connId, f.message);
    else await ctx.deleter.schedule({ connId: f.connId, waitMsgId: null });
  }
}
