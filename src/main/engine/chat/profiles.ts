// Profiles between the user, the wire and the store: our profile as the chat protocol's Profile,
// peers' profiles as we keep them (only a data-URI image is kept, since the renderer shows it),
// the handshake payloads (x.info, x.contact) that carry profiles, and the profile equality that
// decides which contacts a probe checks.
import { z } from 'zod';
import {
  MAX_ENCODED_INFO_LENGTH,
  Profile,
  SUPPORTED_CHAT_VRANGE,
  decodeChatBody,
  encodeChatMessage,
  type VersionRange,
} from '../../../protocol/chat';
import type { ProfileView } from '../../../shared/models/profile';

/** A peer's profile as stored: the columns we show and match on, and the wire JSON. */
export interface PeerProfile {
  readonly displayName: string;
  readonly fullName: string;
  readonly image: string | null;
  /** The profile as the peer sent it (wire JSON text). */
  readonly json: string;
}

/** The fields probes compare: two contacts are candidates when all three are equal. */
export type ProfileIdentity = Pick<PeerProfile, 'displayName' | 'fullName' | 'image'>;

export function sameIdentity(a: ProfileIdentity, b: ProfileIdentity): boolean {
  return a.displayName === b.displayName && a.fullName === b.fullName && a.image === b.image;
}

/** Upstream sends `data:image/jpg;base64,…`; anything that is not an inline image is dropped. */
const PEER_IMAGE = /^data:image\/(png|jpe?g|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/;
const MAX_PEER_IMAGE_CHARS = 14_000;

function peerImage(image: string | undefined): string | null {
  return image !== undefined && image.length <= MAX_PEER_IMAGE_CHARS && PEER_IMAGE.test(image)
    ? image
    : null;
}

export function peerProfile(profile: Profile): PeerProfile {
  return {
    displayName: profile.displayName,
    fullName: profile.fullName,
    image: peerImage(profile.image),
    json: JSON.stringify(z.encode(Profile, profile)),
  };
}

/** Our profile as we send it. */
export function wireProfile(p: ProfileView): Profile {
  return {
    displayName: p.displayName,
    fullName: p.fullName,
    ...(p.image !== null && { image: p.image }),
  };
}

// ---- handshake payloads ----

/** x.info with our profile: the confirmation of an invitation, and every acceptance. */
export function xInfoConnInfo(p: ProfileView): Uint8Array {
  return encodeChatMessage(
    { version: SUPPORTED_CHAT_VRANGE, event: 'x.info', params: { profile: wireProfile(p) } },
    MAX_ENCODED_INFO_LENGTH,
  );
}

/** x.contact with our profile: a request to someone's address. */
export function xContactConnInfo(p: ProfileView, contactReqId: Uint8Array): Uint8Array {
  return encodeChatMessage(
    {
      version: SUPPORTED_CHAT_VRANGE,
      event: 'x.contact',
      params: { profile: wireProfile(p), contactReqId },
    },
    MAX_ENCODED_INFO_LENGTH,
  );
}

export interface PeerConnInfo {
  readonly event: 'x.info' | 'x.contact';
  readonly profile: PeerProfile;
  readonly version: VersionRange;
  /** x.contact: identifies repeated requests from the same sender. */
  readonly contactReqId?: Uint8Array | undefined;
}

export class ConnInfoError extends Error {
  override readonly name = 'ConnInfoError';
}

/** Reads a peer's handshake payload; anything but one x.info or x.contact is a ConnInfoError. */
export function decodeConnInfo(bytes: Uint8Array): PeerConnInfo {
  const items = decodeChatBody(bytes);
  const first = items[0];
  if (items.length !== 1 || !first) {
    throw new ConnInfoError('a handshake payload must hold exactly one message');
  }
  if (!first.ok) throw new ConnInfoError(`handshake payload: ${first.error.message}`);
  const { element } = first;
  if (element.kind !== 'message' || element.forward || element.signed) {
    throw new ConnInfoError('a handshake payload must be a plain message');
  }
  const msg = element.message;
  switch (msg.event) {
    case 'x.info':
      return { event: 'x.info', profile: peerProfile(msg.params.profile), version: msg.version };
    case 'x.contact':
      return {
        event: 'x.contact',
        profile: peerProfile(msg.params.profile),
        version: msg.version,
        contactReqId: msg.params.contactReqId,
      };
    default:
      throw new ConnInfoError(
        `unexpected event in a handshake payload: ${msg.event === 'unknown' ? msg.tag : msg.event}`,
      );
  }
}
