// The chat part of short-link data: the JSON in a link's user data (spec section 5). Above
// 10,240 bytes it is stored as 'X' + one zstd frame (no item container, unlike message bodies),
// leaving room in the ~13.8 KB link data for the agent's fields.
import { z } from 'zod';
import { DecodeError } from '../encoding/errors';
import { concatBytes } from '../encoding/bytes';
import { COMPRESSED_PREFIX, zstdCompress, zstdDecompress } from './compression';
import { MsgContent } from './content';
import { decodeWith, encodeWith, int, optional } from './fields';
import { jsonBytes, parseJsonBytes } from './json';
import { MAX_DECOMPRESSED_MSG_LENGTH } from './limits';
import { GroupProfile, Profile } from './profiles';

/** Link user data longer than this is compressed. */
export const MAX_UNCOMPRESSED_LINK_DATA = 10_240;

/** A contact address. */
export const ContactShortLinkData = z.object({
  profile: Profile,
  /** A welcome message shown before connecting. */
  message: optional(MsgContent),
  business: z.boolean(),
});
export type ContactShortLinkData = z.output<typeof ContactShortLinkData>;

/** A group link (the owner's, listing the group's relays in the agent part). */
export const GroupShortLinkData = z.object({
  groupProfile: GroupProfile,
  publicGroupData: optional(z.object({ publicMemberCount: int })),
});
export type GroupShortLinkData = z.output<typeof GroupShortLinkData>;

/** A relay's per-group link. */
export const RelayShortLinkData = z.object({ relayProfile: Profile });
export type RelayShortLinkData = z.output<typeof RelayShortLinkData>;

export const RelayProfile = z.object({
  displayName: z.string(),
  fullName: z.string(),
  shortDescr: optional(z.string()),
  image: optional(z.string()),
});
export type RelayProfile = z.output<typeof RelayProfile>;

/** A relay's own address. */
export const RelayAddressLinkData = z.object({ relayProfile: RelayProfile });
export type RelayAddressLinkData = z.output<typeof RelayAddressLinkData>;

export function encodeLinkUserData<T extends z.ZodType>(schema: T, data: z.output<T>): Uint8Array {
  const json = jsonBytes(encodeWith(schema, data, 'link data'), 'link data');
  if (json.length <= MAX_UNCOMPRESSED_LINK_DATA) return json;
  return concatBytes(Uint8Array.of(COMPRESSED_PREFIX), zstdCompress(json));
}

/** The data of a link, or undefined when the link has none. */
export function decodeLinkUserData<T extends z.ZodType>(
  schema: T,
  bytes: Uint8Array,
): z.output<T> | undefined {
  if (bytes.length === 0) return undefined;
  const json =
    bytes[0] === COMPRESSED_PREFIX
      ? zstdDecompress(bytes.subarray(1), MAX_DECOMPRESSED_MSG_LENGTH)
      : bytes;
  if (json.length === 0) throw new DecodeError('link data: empty after decompression');
  return decodeWith(schema, parseJsonBytes(json, 'link data'), 'link data');
}
