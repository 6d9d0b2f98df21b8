// Message content (MsgContent, discriminated by `type`) and reactions. Unknown content types,
// link content types and reactions are kept as sent, so newer clients' messages still show
// (through their `text`) and can be passed on unchanged.
import { z } from 'zod';
import {
  base64Bytes,
  ed25519Signature,
  int,
  openEnum,
  optional,
  shortLink,
  taggedWithUnknown,
  type UnknownTagged,
} from './fields';
import { GroupProfile, Profile } from './profiles';

const LINK_CONTENT_TAGS = ['page', 'image', 'video'] as const;

/** What a link preview points to. */
export const LinkContent = taggedWithUnknown(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('page') }),
    z.object({ type: z.literal('image') }),
    z.object({ type: z.literal('video'), duration: optional(int) }),
  ]),
  LINK_CONTENT_TAGS,
  (tag, json): UnknownTagged => ({ type: 'unknown', tag, json }),
  true,
);
export type LinkContent = z.output<typeof LinkContent>;

export const LinkPreview = z.object({
  uri: z.string(),
  title: z.string(),
  description: z.string(),
  image: z.string(),
  content: optional(LinkContent),
});
export type LinkPreview = z.output<typeof LinkPreview>;

/** A contact, invitation or group link shared as a message. */
export const MsgChatLink = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('contact'),
    connLink: shortLink,
    profile: Profile,
    business: z.boolean(),
  }),
  z.object({ type: z.literal('invitation'), invLink: shortLink, profile: Profile }),
  z.object({ type: z.literal('group'), connLink: shortLink, groupProfile: GroupProfile }),
]);
export type MsgChatLink = z.output<typeof MsgChatLink>;

/** An owner's signature over a shared channel link. */
export const LinkOwnerSig = z.object({
  ownerId: optional(base64Bytes),
  chatBinding: base64Bytes,
  ownerSig: ed25519Signature,
});
export type LinkOwnerSig = z.output<typeof LinkOwnerSig>;

export const REPORT_REASONS = ['spam', 'content', 'community', 'profile', 'other'] as const;
export const reportReason = openEnum<(typeof REPORT_REASONS)[number]>('a report reason');

const MSG_CONTENT_TAGS = [
  'text',
  'link',
  'image',
  'video',
  'voice',
  'file',
  'report',
  'chat',
] as const;

const text = z.string();

export interface UnknownMsgContent extends UnknownTagged {
  /** The peer's `text`, or a placeholder: what we show for a content type we do not know. */
  text: string;
}

export const UNKNOWN_CONTENT_TEXT = 'unknown message type';

export const MsgContent = taggedWithUnknown(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text }),
    z.object({ type: z.literal('link'), text, preview: LinkPreview }),
    z.object({ type: z.literal('image'), text, image: z.string() }),
    z.object({ type: z.literal('video'), text, image: z.string(), duration: int }),
    z.object({ type: z.literal('voice'), text, duration: int }),
    z.object({ type: z.literal('file'), text }),
    z.object({ type: z.literal('report'), text, reason: reportReason }),
    z.object({
      type: z.literal('chat'),
      text,
      chatLink: MsgChatLink,
      ownerSig: optional(LinkOwnerSig),
    }),
  ]),
  MSG_CONTENT_TAGS,
  (tag, json): UnknownMsgContent => ({
    type: 'unknown',
    tag,
    text: typeof json.text === 'string' ? json.text : UNKNOWN_CONTENT_TEXT,
    json,
  }),
);
export type MsgContent = z.output<typeof MsgContent>;

/** The emoji upstream knows, each a single code point; anything else is an unknown reaction. */
export const REACTION_EMOJI = ['👍', '👎', '😀', '😂', '😢', '❤', '🚀', '✅'] as const;

export const MsgReaction = taggedWithUnknown(
  z.object({ type: z.literal('emoji'), emoji: z.enum(REACTION_EMOJI) }),
  ['emoji'],
  (tag, json): UnknownTagged => ({ type: 'unknown', tag, json }),
  true,
);
export type MsgReaction = z.output<typeof MsgReaction>;
