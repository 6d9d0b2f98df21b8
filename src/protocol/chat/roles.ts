// Group member roles, ordered low to high. A role string from a newer client is kept verbatim
// and ranks below every known role (upstream's GRUnknown), so it never grants anything.
import { z } from 'zod';

export const MEMBER_ROLES = [
  'relay', // forwards messages, cannot author
  'observer', // reads only
  'commenter', // may comment on channel posts
  'author', // reserved, unused
  'member', // posts
  'moderator', // moderates messages, blocks members up to its own rank
  'admin', // adds and removes members, changes roles except owners
  'owner', // edits the group profile and preferences, deletes the group, manages owners
] as const;

export type KnownMemberRole = (typeof MEMBER_ROLES)[number];

/** A known role or, verbatim, one we do not know. */
export type MemberRole = KnownMemberRole | (string & {});

const RANK: ReadonlyMap<string, number> = new Map(MEMBER_ROLES.map((r, i) => [r, i + 1]));

export function isKnownRole(role: string): role is KnownMemberRole {
  return RANK.has(role);
}

/** 0 for unknown roles, then 1 (relay) … 8 (owner). */
export function roleRank(role: MemberRole): number {
  return RANK.get(role) ?? 0;
}

/** Negative, zero or positive as `a` ranks below, equal to or above `b`. */
export function compareRoles(a: MemberRole, b: MemberRole): number {
  return roleRank(a) - roleRank(b);
}

/** Whether `role` is at least `minimum` (an unknown role never is). */
export function hasRole(role: MemberRole, minimum: KnownMemberRole): boolean {
  return roleRank(role) >= roleRank(minimum);
}

export const memberRole = z.custom<MemberRole>((v) => typeof v === 'string', 'expected a role');
