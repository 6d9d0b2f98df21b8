// The message container (`x.msg.new` params) and the references, scopes and file invitations
// that content events share.
import { z } from 'zod';
import { MsgContent } from './content';
import { base64Bytes, connLink, int, jsonObject, optional, timestamp } from './fields';
import { isJsonObject } from './json';

/** A reference to an earlier message (quotes, comments' parents). */
export const MsgRef = z.object({
  msgId: optional(base64Bytes),
  sentAt: timestamp,
  /** Whether the quoting side sent the referenced message. */
  sent: z.boolean(),
  /** The author in groups; absent for channel posts. */
  memberId: optional(base64Bytes),
});
export type MsgRef = z.output<typeof MsgRef>;

export const QuotedMsg = z.object({ msgRef: MsgRef, content: MsgContent });
export type QuotedMsg = z.output<typeof QuotedMsg>;

/** A member support side chat: admins may name any member, members only themselves. */
export const MsgScope = z.object({ type: z.literal('member'), memberId: base64Bytes });
export type MsgScope = z.output<typeof MsgScope>;

export const MsgMention = z.object({ memberId: base64Bytes });
export type MsgMention = z.output<typeof MsgMention>;

type Mentions = Record<string, MsgMention>;

function nonEmpty(m: Mentions | null | undefined): Mentions | undefined {
  return m && Object.keys(m).length > 0 ? m : undefined;
}

/** Mentions by display name; an empty map is the same as none and is not written. */
export const mentions = z.codec(
  z.record(z.string(), MsgMention).nullish(),
  z.custom<Mentions>().optional(),
  { decode: nonEmpty, encode: nonEmpty },
);

/** One part of an XFTP file description. */
export const FileDescr = z.object({
  fileDescrText: z.string(),
  fileDescrPartNo: int,
  fileDescrComplete: z.boolean(),
});
export type FileDescr = z.output<typeof FileDescr>;

export const FileInvitation = z.object({
  fileName: z.string(),
  fileSize: int,
  fileDigest: optional(base64Bytes),
  fileConnReq: optional(connLink),
  /** Inline files: `offer` (sent once accepted) or `sent` (sent right away). */
  fileInline: optional(z.enum(['offer', 'sent'])),
  fileDescr: optional(FileDescr),
});
export type FileInvitation = z.output<typeof FileInvitation>;

/** Legacy clients send `forward` as an object; any object or `true` means forwarded. */
const forwardFlag = z.codec(
  z.union([z.boolean(), jsonObject]).nullish(),
  z.literal(true).optional(),
  {
    decode: (v) => (v === true || isJsonObject(v) ? true : undefined),
    encode: (v) => v,
  },
);

export const MsgContainer = z.object({
  content: MsgContent,
  mentions,
  file: optional(FileInvitation),
  /** Disappearing message timer, seconds. */
  ttl: optional(int),
  live: optional(z.boolean()),
  scope: optional(MsgScope),
  /** Posted as the channel rather than as the owner. */
  asGroup: optional(z.boolean()),
  quote: optional(QuotedMsg),
  /** The channel post a comment belongs to. */
  parent: optional(MsgRef),
  forward: forwardFlag,
});
export type MsgContainer = z.output<typeof MsgContainer>;

/** Per-message preferences carried by x.msg.update. */
export const MsgPrefs = z.object({ commentsDisabled: z.boolean() });
export type MsgPrefs = z.output<typeof MsgPrefs>;
