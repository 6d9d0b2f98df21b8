// Invitations, introductions, restrictions and relay records carried by group events.
import { z } from 'zod';
import { base64Bytes, connLink, int, openEnum, optional, shortLink } from './fields';
import { BusinessChatInfo, GroupProfile, MemberIdRole, Profile } from './profiles';

/** x.grp.inv: an invitation sent to a contact over the direct connection. */
export const GroupInvitation = z.object({
  fromMember: MemberIdRole,
  invitedMember: MemberIdRole,
  /** The invitation for the new member connection. */
  connRequest: connLink,
  groupProfile: GroupProfile,
  business: optional(BusinessChatInfo),
  /** Set when the contact came through the inviter's group link (lets it auto-accept). */
  groupLinkId: optional(base64Bytes),
  groupSize: optional(int),
});
export type GroupInvitation = z.output<typeof GroupInvitation>;

/** Whether a joiner is admitted or waits for approval or review. */
export const GroupAcceptance = z.enum(['accepted', 'pending', 'pending_review']);
export type GroupAcceptance = z.output<typeof GroupAcceptance>;

/** x.grp.link.inv: the host's confirmation when it accepts a group-link join. */
export const GroupLinkInvitation = z.object({
  fromMember: MemberIdRole,
  /** The host's display name only; its full profile follows in x.grp.link.mem. */
  fromMemberName: z.string(),
  invitedMember: MemberIdRole,
  groupProfile: GroupProfile,
  accepted: optional(GroupAcceptance),
  business: optional(BusinessChatInfo),
  groupSize: optional(int),
});
export type GroupLinkInvitation = z.output<typeof GroupLinkInvitation>;

export const GroupLinkRejection = z.object({
  fromMember: MemberIdRole,
  invitedMember: MemberIdRole,
  groupProfile: GroupProfile,
  rejectionReason: openEnum<'long_name' | 'blocked_name'>('a rejection reason'),
});
export type GroupLinkRejection = z.output<typeof GroupLinkRejection>;

/** x.grp.relay.inv: an owner asks a chat relay to serve its group. */
export const GroupRelayInvitation = z.object({
  fromMember: MemberIdRole,
  fromMemberProfile: Profile,
  /** The member id the owner assigns to the relay. */
  relayMemberId: base64Bytes,
  /** The group's short link. */
  groupLink: shortLink,
});
export type GroupRelayInvitation = z.output<typeof GroupRelayInvitation>;

/** The invitation(s) a new member returns for one introduced member. */
export const IntroInvitation = z.object({
  groupConnReq: connLink,
  /** Only for peers below chat version 2. */
  directConnReq: optional(connLink),
});
export type IntroInvitation = z.output<typeof IntroInvitation>;

export const MemberRestrictions = z.object({
  restriction: openEnum<'blocked' | 'unrestricted'>('a restriction'),
});
export type MemberRestrictions = z.output<typeof MemberRestrictions>;

export const RelayCapabilities = z.object({ webDomain: optional(z.string()) });
export type RelayCapabilities = z.output<typeof RelayCapabilities>;

/** The roster body travels as an inline file; its header carries size and digest. */
export const InlineFileInvitation = z.object({ fileSize: int, fileDigest: base64Bytes });
export type InlineFileInvitation = z.output<typeof InlineFileInvitation>;
