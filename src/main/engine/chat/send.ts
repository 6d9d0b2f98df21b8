// Sending chat events over a contact's connection: encoded within the protocol's size limit and
// handed to the agent, which stores and delivers them.
import {
  MAX_ENCODED_MSG_LENGTH,
  SUPPORTED_CHAT_VRANGE,
  encodeChatMessage,
  type ChatMessage,
  type KnownChatEvent,
} from '../../../protocol/chat';
import type { AgentMsgId, ConnId } from '../agent';
import type { ChatContext } from './context';

/** A message of ours: our version range, and a shared id when it can be referred to later. */
export function outgoing(event: KnownChatEvent, msgId?: Uint8Array): ChatMessage {
  return { version: SUPPORTED_CHAT_VRANGE, ...(msgId && { msgId }), ...event };
}

/** Encodes and sends one message; MessageTooLargeError and agent errors propagate. */
export async function sendChatMessage(
  ctx: ChatContext,
  connId: ConnId,
  message: ChatMessage,
): Promise<AgentMsgId> {
  const body = encodeChatMessage(message, MAX_ENCODED_MSG_LENGTH);
  return ctx.agent().sendMessage(connId, body);
}

/** Sends without caring for the outcome beyond the log (probes, profile updates). */
export async function sendBestEffort(
  ctx: ChatContext,
  connId: ConnId,
  message: ChatMessage,
): Promise<AgentMsgId | null> {
  try {
    return await sendChatMessage(ctx, connId, message);
  } catch (e) {
    ctx.log.warn('message not sent', {
      event: message.event,
      error: e instanceof Error ? e : null,
    });
    return null;
  }
}
