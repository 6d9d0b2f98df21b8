// Every chat event of spec section 6 with the schema of its params, keyed by event tag.
// x.grp.msg.forward holds a whole message and lives with the envelope (message.ts).
import { z } from 'zod';
import { MsgContent, MsgReaction } from './content';
import { FileDescr, MsgContainer, MsgPrefs, MsgScope, mentions } from './container';
import {
  base64Bytes,
  connLink,
  ed25519PublicKey,
  int,
  jsonObject,
  lenientTrueFlag,
  openEnum,
  optional,
  shortLink,
  trueFlag,
} from './fields';
import {
  GroupAcceptance,
  GroupInvitation,
  GroupLinkInvitation,
  GroupLinkRejection,
  GroupRelayInvitation,
  InlineFileInvitation,
  IntroInvitation,
  MemberRestrictions,
  RelayCapabilities,
} from './groups';
import { GroupProfile, MemberInfo, Profile } from './profiles';
import { memberRole } from './roles';

const none = z.object({});
const memberId = base64Bytes;
const msgId = base64Bytes;

const XContactWire = z.object({
  profile: Profile,
  /** Identifies repeated requests from the same sender. */
  contactReqId: optional(base64Bytes),
  welcomeMsgId: optional(base64Bytes),
  msgId: optional(base64Bytes),
  content: optional(MsgContent),
});

export type XContactParams = Omit<z.output<typeof XContactWire>, 'msgId' | 'content'> & {
  /** An optional first message; on the wire `msgId` and `content`, ignored unless both are set. */
  requestMsg?: { msgId: Uint8Array; content: MsgContent } | undefined;
};

const XContact = z.codec(XContactWire, z.custom<XContactParams>(), {
  decode: ({ msgId, content, ...rest }) => ({
    ...rest,
    requestMsg: msgId && content ? { msgId, content } : undefined,
  }),
  encode: ({ requestMsg, ...rest }) => ({
    ...rest,
    msgId: requestMsg?.msgId,
    content: requestMsg?.content,
  }),
});

export const EVENT_PARAMS = {
  // 6.1 Content
  'x.msg.new': MsgContainer,
  'x.msg.file.descr': z.object({ msgId, fileDescr: FileDescr }),
  'x.msg.update': z.object({
    msgId,
    content: MsgContent,
    mentions,
    ttl: optional(int),
    live: optional(z.boolean()),
    scope: optional(MsgScope),
    asGroup: optional(z.boolean()),
    prefs: optional(MsgPrefs),
  }),
  'x.msg.del': z.object({
    msgId,
    /** Set when a moderator deletes another member's message. */
    memberId: optional(memberId),
    scope: optional(MsgScope),
    onlyHistory: trueFlag,
  }),
  'x.msg.deleted': none,
  'x.msg.react': z.object({
    msgId,
    memberId: optional(memberId),
    scope: optional(MsgScope),
    reaction: MsgReaction,
    add: z.boolean(),
  }),
  'x.file.cancel': z.object({ msgId }),

  // 6.2 Profiles, contacts, probes, handshake
  'x.info': z.object({ profile: Profile }),
  'x.contact': XContact,
  'x.member': z.object({
    profile: Profile,
    /** Chosen by the joiner. */
    newMemberId: memberId,
    newMemberKey: ed25519PublicKey,
    viaRelay: optional(memberId),
  }),
  'x.info.probe': z.object({ probe: base64Bytes }),
  'x.info.probe.check': z.object({ probeHash: base64Bytes }),
  'x.info.probe.ok': z.object({ probe: base64Bytes }),
  'x.ok': none,
  'x.direct.del': none,

  // 6.3 Joining and member introduction
  'x.grp.inv': z.object({ groupInvitation: GroupInvitation }),
  'x.grp.acpt': z.object({ memberId }),
  'x.grp.link.inv': z.object({ groupLinkInvitation: GroupLinkInvitation }),
  'x.grp.link.mem': z.object({ profile: Profile }),
  'x.grp.link.acpt': z.object({ acceptance: GroupAcceptance, role: memberRole, memberId }),
  'x.grp.link.reject': z.object({ groupLinkRejection: GroupLinkRejection }),
  'x.grp.mem.new': z.object({ memberInfo: MemberInfo, scope: optional(MsgScope) }),
  'x.grp.mem.intro': z.object({
    memberInfo: MemberInfo,
    memberRestrictions: optional(MemberRestrictions),
  }),
  'x.grp.mem.inv': z.object({ memberId, memberIntro: IntroInvitation }),
  'x.grp.mem.fwd': z.object({ memberInfo: MemberInfo, memberIntro: IntroInvitation }),
  'x.grp.mem.info': z.object({ memberId, profile: Profile }),
  'x.grp.mem.con': z.object({ memberId }),
  'x.grp.mem.con.all': z.object({ memberId }),
  'x.grp.direct.inv': z.object({
    connReq: connLink,
    content: optional(MsgContent),
    scope: optional(MsgScope),
  }),

  // 6.4 Administration
  'x.grp.mem.role': z.object({
    memberId,
    role: memberRole,
    memberKey: optional(ed25519PublicKey),
    rosterVersion: optional(int),
  }),
  'x.grp.mem.restrict': z.object({ memberId, memberRestrictions: MemberRestrictions }),
  'x.grp.mem.del': z.object({
    memberId,
    /** Also delete the member's messages. */
    messages: lenientTrueFlag,
    rosterVersion: optional(int),
  }),
  'x.grp.leave': none,
  'x.grp.del': none,
  'x.grp.info': z.object({ groupProfile: GroupProfile }),
  'x.grp.prefs': z.object({ groupPreferences: jsonObject }),

  // 6.6 Chat relays, channels, roster
  'x.grp.relay.inv': z.object({ groupRelayInvitation: GroupRelayInvitation }),
  'x.grp.relay.acpt': z.object({ relayLink: shortLink, relayCap: optional(RelayCapabilities) }),
  'x.grp.relay.test': z.object({
    /** 32 random bytes from the owner. */
    challenge: base64Bytes,
    /** The relay's signature of the challenge with its address link key. */
    signature: optional(base64Bytes),
  }),
  'x.grp.relay.new': z.object({ relayLink: shortLink }),
  'x.grp.relay.reject': z.object({ reason: openEnum<'rejoin_rejected'>('a rejection reason') }),
  'x.grp.relay.cap': z.object({ relayCap: RelayCapabilities }),
  /**
   * The relay confirms that the group link lists its relay link: the earlier seed flow we
   * implement (design-chat-relays.md). No upstream code has it, so no params are defined.
   */
  'x.grp.relay.ready': none,
  'x.grp.roster': z.object({ version: int, fileInv: InlineFileInvitation }),
  'x.grp.roster.ack': z.object({ version: int, error: optional(z.string()) }),
  'x.grp.roster.request': z.object({ version: optional(int) }),
} as const satisfies Record<string, z.ZodType>;

export type KnownEventTag = keyof typeof EVENT_PARAMS;
export type EventParams<T extends KnownEventTag> = z.output<(typeof EVENT_PARAMS)[T]>;

/** One of the events above with its params, discriminated by `event`. */
export type KnownChatEvent = {
  [T in KnownEventTag]: { event: T; params: EventParams<T> };
}[KnownEventTag];

export function isKnownEventTag(tag: string): tag is KnownEventTag {
  return Object.hasOwn(EVENT_PARAMS, tag);
}
