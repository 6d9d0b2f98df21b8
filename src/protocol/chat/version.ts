// Chat protocol versions: the range each side advertises ("1-17", or "1" for a single version;
// a message without `v` means "1") and the versions that switch features on (spec section 4).
// Features are gated on the peer's maximum version, never on bare numbers.
import { z } from 'zod';
import { EncodeError } from '../encoding/errors';
import {
  formatVersionRange,
  isVersionRange,
  readVersionRangeText,
  type VersionRange,
} from '../encoding/version-range';

// The version two parties use (compatibleVersion) is the highest one both support.
export {
  formatVersionRange,
  parseVersionRange,
  maxCommonVersion as compatibleVersion,
  type VersionRange,
} from '../encoding/version-range';

export const CHAT_VERSION = {
  /** Version ranges in connections. */
  initial: 1,
  /** Members connect directly only through x.grp.direct.inv. */
  groupDirectInv: 2,
  /** Joining through a group link without creating a contact (x.grp.link.inv). */
  groupFastLinkJoin: 3,
  /** Hosts forward group messages (x.grp.msg.forward). */
  groupForward: 4,
  /** JSON-array batches in groups, batched introductions, history on join. */
  batchSend: 5,
  /** The welcome message follows the history. */
  groupHistoryIncludeWelcome: 6,
  /** Member profile updates (x.info) in groups. */
  memberProfileUpdate: 7,
  /** Compressed bodies (`X`) and post-quantum encryption. */
  pqEncryptionCompression: 8,
  /** Batches in direct chats; forwarding of batched messages. */
  batchSend2: 9,
  /** Business chats. */
  businessChats: 10,
  /** x.grp.prefs (business chat preferences). */
  businessChatPrefs: 11,
  /** Content reports (MsgContent "report"). */
  contentReports: 12,
  /** x.grp.link.reject (13 was never used). */
  groupJoinReject: 14,
  /** Message scopes: member support chats, knocking. */
  groupKnocking: 15,
  /** Short link data in invitation, contact and group links. */
  shortLinkData: 16,
  /** Host voice messages during member approval. */
  memberSupportVoice: 17,
} as const;

// Named for the table of the spec, so the gates read as they do there.
export const GROUP_DIRECT_INV_VERSION = CHAT_VERSION.groupDirectInv;
export const GROUP_FAST_LINK_JOIN_VERSION = CHAT_VERSION.groupFastLinkJoin;
export const GROUP_FORWARD_VERSION = CHAT_VERSION.groupForward;
export const BATCH_SEND_VERSION = CHAT_VERSION.batchSend;
export const GROUP_HISTORY_INCLUDE_WELCOME_VERSION = CHAT_VERSION.groupHistoryIncludeWelcome;
export const MEMBER_PROFILE_UPDATE_VERSION = CHAT_VERSION.memberProfileUpdate;
export const PQ_ENCRYPTION_COMPRESSION_VERSION = CHAT_VERSION.pqEncryptionCompression;
export const BATCH_SEND2_VERSION = CHAT_VERSION.batchSend2;
export const BUSINESS_CHATS_VERSION = CHAT_VERSION.businessChats;
export const BUSINESS_CHAT_PREFS_VERSION = CHAT_VERSION.businessChatPrefs;
export const CONTENT_REPORTS_VERSION = CHAT_VERSION.contentReports;
export const GROUP_JOIN_REJECT_VERSION = CHAT_VERSION.groupJoinReject;
export const GROUP_KNOCKING_VERSION = CHAT_VERSION.groupKnocking;
export const SHORT_LINK_DATA_VERSION = CHAT_VERSION.shortLinkData;
export const MEMBER_SUPPORT_VOICE_VERSION = CHAT_VERSION.memberSupportVoice;

/**
 * Versions above our range, named so that peers' ranges can be read; we do not advertise them.
 * Upstream snapshots disagree on 18 (channel comments in one, relay web capabilities in the
 * other) and 19 (owner-signed roster) needs the roster handshake we do not implement yet. Their
 * fields still decode, so messages from such peers lose nothing.
 */
export const UNSTABLE_CHAT_VERSION = {
  comments: 18,
  relayWebCapabilities: 18,
  groupRoster: 19,
} as const;

export const INITIAL_CHAT_VERSION = CHAT_VERSION.initial;
export const CURRENT_CHAT_VERSION = CHAT_VERSION.memberSupportVoice;

/** A valid range (Word16 versions, min ≤ max) or an EncodeError. */
export function versionRange(min: number, max: number = min): VersionRange {
  if (!isVersionRange(min, max)) throw new EncodeError(`invalid version range ${min}-${max}`);
  return { min, max };
}

/** The chat versions we speak: 1..17 (see UNSTABLE_CHAT_VERSION for why not higher). */
export const SUPPORTED_CHAT_VRANGE: VersionRange = versionRange(
  INITIAL_CHAT_VERSION,
  CURRENT_CHAT_VERSION,
);

/** What a message without `v` means. */
export const INITIAL_CHAT_VRANGE: VersionRange = versionRange(INITIAL_CHAT_VERSION);

/** Whether a peer with this range has a feature introduced at `version`. */
export function peerSupports(peer: VersionRange, version: number): boolean {
  return peer.max >= version;
}

const word16 = z.number().int().min(0).max(0xffff);

/** The JSON form: "1-17" or "1". */
export const versionRangeField = z.codec(
  z.string(),
  z.object({ min: word16, max: word16 }).refine((r) => r.min <= r.max, 'empty version range'),
  {
    decode: (s, ctx) => {
      const range = readVersionRangeText(s);
      if (range) return range;
      ctx.issues.push({ code: 'custom', message: `invalid version range '${s}'`, input: s });
      return z.NEVER;
    },
    encode: formatVersionRange,
  },
);
