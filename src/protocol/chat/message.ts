// The JSON envelope {v?, msgId?, event, params} and x.grp.msg.forward, the event that carries a
// whole message. Unknown event tags decode to an `unknown` event that keeps tag and params, so
// newer peers' events are ignored rather than rejected (and can be passed on unchanged).
import { z } from 'zod';
import { DecodeError, EncodeError } from '../encoding/errors';
import { EVENT_PARAMS, isKnownEventTag, type KnownChatEvent } from './events';
import { base64Bytes, decodeWith, encodeWith, jsonObject, optional, timestamp } from './fields';
import { jsonBytes, parseJsonBytes, type JsonObject, type JsonValue } from './json';
import { MessageTooLargeError } from './limits';
import { INITIAL_CHAT_VRANGE, versionRangeField, type VersionRange } from './version';

export const FORWARD_EVENT = 'x.grp.msg.forward';

/** Who a forwarded message is from: a member, or the channel itself (no author shown). */
export type ForwardSender =
  { kind: 'member'; memberId: Uint8Array; memberName: string } | { kind: 'channel' };

export interface GroupMsgForward {
  sender: ForwardSender;
  /** When the forwarder's server received the original (ISO-8601). */
  msgTs: string;
  /** The original message; never itself a forward. */
  msg: ChatMessage;
}

export interface ForwardEvent {
  event: typeof FORWARD_EVENT;
  params: GroupMsgForward;
}

/** An event tag we do not know, kept with its params. */
export interface UnknownEvent {
  event: 'unknown';
  tag: string;
  params: JsonObject;
}

export type ChatEvent = KnownChatEvent | ForwardEvent | UnknownEvent;

export type ChatMessage = {
  /** The sender's chat version range ("1" when the message has no `v`). */
  version: VersionRange;
  /** The shared message id, on messages that can be referenced later. */
  msgId?: Uint8Array | undefined;
} & ChatEvent;

const Envelope = z.object({
  v: optional(versionRangeField),
  msgId: optional(base64Bytes),
  event: z.string(),
  params: jsonObject,
});

const ForwardWire = z.object({
  memberId: optional(base64Bytes),
  memberName: optional(z.string()),
  msg: jsonObject,
  msgTs: timestamp,
});

/** Event tags are `x.`-namespaced words without spaces; anything else is not a chat event. */
function isEventTag(tag: string): boolean {
  return tag.startsWith('x') && !tag.includes(' ');
}

/** Decodes one message from parsed JSON (an item of a JSON batch, say). */
export function decodeChatMessageJson(json: JsonValue): ChatMessage {
  return decodeMessage(json, false);
}

function decodeMessage(json: JsonValue, nested: boolean): ChatMessage {
  const env = decodeWith(Envelope, json, 'chat message');
  const tag = env.event;
  if (!isEventTag(tag)) throw new DecodeError(`invalid event tag '${tag}'`);
  const header = { version: env.v ?? INITIAL_CHAT_VRANGE, msgId: env.msgId };
  if (tag === FORWARD_EVENT) {
    if (nested) throw new DecodeError(`${FORWARD_EVENT} inside ${FORWARD_EVENT}`);
    return { ...header, event: FORWARD_EVENT, params: decodeForward(env.params) };
  }
  if (!isKnownEventTag(tag)) return { ...header, event: 'unknown', tag, params: env.params };
  // The schema is chosen by `tag`, so the params belong to that event (TS cannot see it).
  const params: unknown = decodeWith(EVENT_PARAMS[tag], env.params, tag);
  return { ...header, event: tag, params } as ChatMessage;
}

function decodeForward(params: JsonObject): GroupMsgForward {
  const wire = decodeWith(ForwardWire, params, FORWARD_EVENT);
  const sender: ForwardSender = wire.memberId
    ? { kind: 'member', memberId: wire.memberId, memberName: wire.memberName ?? '' }
    : { kind: 'channel' };
  return { sender, msgTs: wire.msgTs, msg: decodeMessage(wire.msg, true) };
}

/** Decodes one JSON message body. */
export function decodeChatMessage(body: Uint8Array): ChatMessage {
  return decodeChatMessageJson(parseJsonBytes(body, 'chat message'));
}

/** The wire JSON of a message. */
export function chatMessageJson(msg: ChatMessage): JsonObject {
  return messageJson(msg, false);
}

function messageJson(msg: ChatMessage, nested: boolean): JsonObject {
  const json: JsonObject = { v: encodeWith(versionRangeField, msg.version, 'version') };
  if (msg.msgId) json.msgId = encodeWith(base64Bytes, msg.msgId, 'msgId');
  switch (msg.event) {
    case 'unknown':
      if (!isEventTag(msg.tag) || isKnownEventTag(msg.tag) || msg.tag === FORWARD_EVENT) {
        throw new EncodeError(`'${msg.tag}' cannot be sent as an unknown event`);
      }
      json.event = msg.tag;
      json.params = msg.params;
      return json;
    case FORWARD_EVENT:
      if (nested) throw new EncodeError(`${FORWARD_EVENT} inside ${FORWARD_EVENT}`);
      json.event = FORWARD_EVENT;
      json.params = forwardJson(msg.params);
      return json;
    default:
      json.event = msg.event;
      json.params = encodeWith(EVENT_PARAMS[msg.event], msg.params, msg.event);
      return json;
  }
}

function forwardJson({ sender, msgTs, msg }: GroupMsgForward): JsonValue {
  return encodeWith(
    ForwardWire,
    {
      ...(sender.kind === 'member' && { memberId: sender.memberId, memberName: sender.memberName }),
      msg: messageJson(msg, true),
      msgTs,
    },
    FORWARD_EVENT,
  );
}

/**
 * Encodes one message as compact JSON. With `maxLength` (usually MAX_ENCODED_MSG_LENGTH), a
 * longer body is a MessageTooLargeError instead of a body that cannot be sent.
 */
export function encodeChatMessage(msg: ChatMessage, maxLength?: number): Uint8Array {
  const body = jsonBytes(chatMessageJson(msg), 'chat message');
  if (maxLength !== undefined && body.length > maxLength) {
    throw new MessageTooLargeError(body.length, maxLength);
  }
  return body;
}
