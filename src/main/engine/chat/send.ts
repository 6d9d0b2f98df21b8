// Sending chat events over a contact's connection: encoded within the protocol's size limit and
// handed to the agent, which stores and delivers them.
import {
  MAX_ENCODED_MSG_LENGTH,
  MessageTooLargeError,
  SUPPORTED_CHAT_VRANGE,
  encodeChatMessage,
  type ChatMessage,
  type KnownChatEvent,
} from '../../../protocol/chat';
import { ContractError } from '../../../shared/ipc';
import type { AgentMsgId, ConnId } from '../agent';
import type { ChatContext } from './context';

/** A message of ours: our version range, and a shared id when it can be referred to later. */
export function outgoing(event: KnownChatEvent, msgId?: Uint8Array): ChatMessage {
  return { version: SUPPORTED_CHAT_VRANGE, ...(msgId && { msgId }), ...event };
}

/** The body of one message, or INVALID when it is over the protocol's limit. */
export function encodeOutgoing(message: ChatMessage): Uint8Array {
  try {
    return encodeChatMessage(message, MAX_ENCODED_MSG_LENGTH);
  } catch (e) {
    if (e instanceof MessageTooLargeError) {
      throw new ContractError('INVALID', 'the message is too large to send');
    }
    throw e;
  }
}

/** Encodes and sends one message; agent errors propagate. */
export async function sendChatMessage(
  ctx: ChatContext,
  connId: ConnId,
  message: ChatMessage,
): Promise<AgentMsgId> {
  return ctx.agent().sendMessage(connId, encodeOutgoing(message));
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
