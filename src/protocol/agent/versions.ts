// Version ranges of the three agent-level protocols. Ranges, their text form ("2-7", or "3" when
// both ends are equal) and negotiation are ../encoding/version-range, shared with SMP and chat.
import { DecodeError } from '../encoding/errors';
import { isVersionRange, type VersionRange } from '../encoding/version-range';

export { formatVersionRange, parseVersionRange } from '../encoding/version-range';

/** SMP agent protocol: 2 duplex handshake … 7 ratchet initialised on confirmation. */
export const AGENT_VERSIONS: VersionRange = { min: 2, max: 7 };
export const AgentVersion = {
  duplexHandshake: 2,
  ratchetSync: 3,
  deliveryReceipts: 4,
  pqDoubleRatchet: 5,
  senderSecuresReplyQueues: 6,
  ratchetOnConfirmation: 7,
} as const;

/** SMP client version, carried in queue URIs and every message's public header. */
export const SMP_CLIENT_VERSIONS: VersionRange = { min: 1, max: 4 };
export const SmpClientVersion = {
  initial: 1,
  serverHostnames: 2,
  senderAuthKey: 3,
  shortLinks: 4,
} as const;

/** End-to-end (double ratchet) version: 2 KDF in X3DH, 3 PQ-capable headers. */
export const E2E_VERSIONS: VersionRange = { min: 2, max: 3 };
export const E2eVersion = { kdfX3dh: 2, pqRatchet: 3 } as const;

/** A valid range, or a DecodeError (versions are Word16 and min may not exceed max). */
export function versionRange(min: number, max: number = min): VersionRange {
  if (!isVersionRange(min, max)) throw new DecodeError(`invalid version range ${min}-${max}`);
  return { min, max };
}
