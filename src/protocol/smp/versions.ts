/**
 * SMP protocol versions: the named versions at which an encoding changes, the binary form of a
 * version range and its negotiation (ranges themselves are ../encoding/version-range). Every
 * encoder and decoder of this folder takes the negotiated version and gates its differences on
 * these constants, never on bare numbers.
 */
import type { Reader, Writer } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';
import { isVersion, type VersionRange } from '../encoding/version-range';

// The version a client chooses (negotiateVersion) is the highest one both sides support.
export {
  intersectVersions,
  isVersionInRange,
  maxCommonVersion as negotiateVersion,
  type VersionRange,
} from '../encoding/version-range';

export const SMP_VERSION = {
  /** Creating queues without subscribing (subscription mode in NEW); our minimum. */
  subMode: 6,
  /** Command authenticators; the session id is implied (signed, not sent). */
  authCmds: 7,
  /** Private routing (PRXY/PFWD); smaller maximum message body. */
  sendingProxy: 8,
  /** SKEY (sender secures the queue); Bool sender-can-secure in NEW/IDS. */
  sndAuthKey: 9,
  /** DELD event (older clients get END). */
  deletedEvent: 10,
  /** Block encryption inside TLS. */
  encryptedBlock: 11,
  /** ERR BLOCKED (older clients get ERR AUTH). */
  blockedEntity: 12,
  /** Proxy flag in the client hello. */
  proxyServerHandshake: 14,
  /** Short links and queue modes: QueueReqData in NEW, mode and link id in IDS. */
  shortLinks: 15,
  /** Service certificates: SOK, service-signature byte after an authorization. */
  serviceCerts: 16,
  /** Notifier credentials in NEW and IDS. */
  newNtfCreds: 17,
  /** Client notices in ERR BLOCKED. */
  clientNotices: 18,
} as const;

export const MIN_SMP_VERSION = SMP_VERSION.subMode;
export const MAX_SMP_VERSION = SMP_VERSION.clientNotices;

function checkVersion(v: number): void {
  if (!isVersion(v)) throw new EncodeError(`bad SMP version ${v}`);
}

export function versionRange(min: number, max: number): VersionRange {
  checkVersion(min);
  checkVersion(max);
  if (min > max) throw new EncodeError(`empty version range ${min}..${max}`);
  return { min, max };
}

/** The versions this implementation speaks, as client and as server. */
export const SUPPORTED_SMP_VERSIONS: VersionRange = versionRange(MIN_SMP_VERSION, MAX_SMP_VERSION);

export function writeVersionRange(w: Writer, range: VersionRange): void {
  w.word16(range.min).word16(range.max);
}

export function readVersionRange(r: Reader): VersionRange {
  const min = r.word16();
  const max = r.word16();
  if (min > max) throw new DecodeError(`invalid version range ${min}..${max}`);
  return { min, max };
}

/** Largest SEND body a client may send at this version. */
export function maxMessageLength(version: number): number {
  if (version >= SMP_VERSION.encryptedBlock) return 16048;
  if (version >= SMP_VERSION.sendingProxy) return 16064;
  return 16088;
}
