// Profiles and member identities as they appear inside chat events (spec section 5).
// Preferences, badges and domain claims evolve apart from the chat protocol and are not read
// here, so they are kept as the JSON the peer sent.
import { z } from 'zod';
import {
  base64Bytes,
  connLink,
  ed25519PublicKey,
  jsonObject,
  jsonValue,
  openEnum,
  optional,
  shortLink,
} from './fields';
import { memberRole } from './roles';
import { versionRangeField } from './version';

export const Profile = z.object({
  displayName: z.string(),
  fullName: z.string(),
  shortDescr: optional(z.string()),
  /** Long description (businesses, bots). */
  description: optional(z.string()),
  /** A `data:image/…;base64,` URI. */
  image: optional(z.string()),
  contactLink: optional(connLink),
  preferences: optional(jsonObject),
  peerType: optional(openEnum<'human' | 'bot'>('a peer type')),
  badge: optional(jsonValue),
  contactDomain: optional(jsonValue),
});
export type Profile = z.output<typeof Profile>;

export const MemberIdRole = z.object({
  memberId: base64Bytes,
  memberRole,
});
export type MemberIdRole = z.output<typeof MemberIdRole>;

/** A member as announced or introduced: the profile inside is redacted by the sender. */
export const MemberInfo = z.object({
  memberId: base64Bytes,
  memberRole,
  /** The member's chat version range as known to the host. */
  v: optional(versionRangeField),
  profile: Profile,
  /** The member's Ed25519 signing key (relay groups). */
  memberKey: optional(ed25519PublicKey),
});
export type MemberInfo = z.output<typeof MemberInfo>;

export const PublicGroupProfile = z.object({
  groupType: openEnum<'channel' | 'group'>('a group type'),
  /** The group's short link. */
  groupLink: shortLink,
  /** The entity id: SHA-256 of the genesis root key; it never changes. */
  publicGroupId: base64Bytes,
  publicGroupAccess: optional(jsonObject),
});
export type PublicGroupProfile = z.output<typeof PublicGroupProfile>;

export const GroupMemberAdmission = z.object({
  review: optional(z.literal('all')),
});
export type GroupMemberAdmission = z.output<typeof GroupMemberAdmission>;

export const GroupProfile = z.object({
  displayName: z.string(),
  fullName: z.string(),
  shortDescr: optional(z.string()),
  /** Also the welcome message. */
  description: optional(z.string()),
  image: optional(z.string()),
  /** Present in relay groups (channels). */
  publicGroup: optional(PublicGroupProfile),
  groupPreferences: optional(jsonObject),
  memberAdmission: optional(GroupMemberAdmission),
});
export type GroupProfile = z.output<typeof GroupProfile>;

export const BusinessChatInfo = z.object({
  chatType: z.enum(['business', 'customer']),
  businessId: base64Bytes,
  customerId: base64Bytes,
  businessDomain: optional(jsonValue),
});
export type BusinessChatInfo = z.output<typeof BusinessChatInfo>;
