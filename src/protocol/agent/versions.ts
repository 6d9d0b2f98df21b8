// Version ranges of the three agent-level protocols and their text form ("2-7", or "3" when both
// ends are equal). Ranges, their binary form and negotiation are shared with the SMP layer.
import { DecodeError } from '../encoding/errors';
import type { VersionRange } from '../smp/versions';

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
  const isWord16 = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffff;
  if (!isWord16(min) || !isWord16(max) || min > max) {
    throw new DecodeError(`invalid version range ${min}-${max}`);
  }
  return { min, max };
}

const RANGE_RE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

export function parseVersionRange(s: string): VersionRange {
  const m = RANGE_RE.exec(s);
  if (!m) throw new DecodeError(`invalid version range '${s}'`);
  const min = Number(m[1]);
  return versionRange(min, m[2] === undefined ? min : Number(m[2]));
}

export function formatVersionRange(r: VersionRange): string {
  return r.min === r.max ? String(r.min) : `${r.min}-${r.max}`;
}
