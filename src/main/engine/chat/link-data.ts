// The chat data inside our short links ({profile, business} as upstream's contact links carry)
// and the profile read back from someone else's.
import {
  ContactShortLinkData,
  decodeLinkUserData,
  encodeLinkUserData,
} from '../../../protocol/chat';
import type { ProfileView } from '../../../shared/models/profile';
import type { ShortLinkData } from '../agent';
import { peerProfile, wireProfile, type PeerProfile } from './profiles';

export function profileLinkData(user: ProfileView): Uint8Array {
  return encodeLinkUserData(ContactShortLinkData, { profile: wireProfile(user), business: false });
}

/** The profile a short link shows, or null when it has none we can read. */
export function linkProfile(data: ShortLinkData | undefined): PeerProfile | null {
  if (!data) return null;
  try {
    const parsed = decodeLinkUserData(ContactShortLinkData, data.userData.userData);
    return parsed ? peerProfile(parsed.profile) : null;
  } catch {
    return null;
  }
}
