// The versions this agent speaks and how they are agreed with a peer. We implement the fast
// handshake only (agent 6–7, sender-secured queues), so that is what we advertise and accept.
import {
  E2E_VERSIONS,
  SMP_CLIENT_VERSIONS,
  SmpClientVersion,
  type SmpQueueInfo,
  type SmpQueueUri,
} from '../../../protocol/agent';
import { intersectVersions, isVersionInRange, type VersionRange } from '../../../protocol/encoding';
import { AgentError } from './errors';

export const AGENT_VERSION_RANGE: VersionRange = { min: 6, max: 7 };
export const CLIENT_VERSION_RANGE: VersionRange = SMP_CLIENT_VERSIONS;
export const E2E_VERSION_RANGE: VersionRange = E2E_VERSIONS;

function agree(ours: VersionRange, theirs: VersionRange, what: string): number {
  const common = intersectVersions(ours, theirs);
  if (!common) {
    throw new AgentError(
      'VERSION',
      `no common ${what} version (ours ${ours.min}-${ours.max}, theirs ${theirs.min}-${theirs.max})`,
    );
  }
  return common.max;
}

export function agreeAgentVersion(theirs: VersionRange): number {
  return agree(AGENT_VERSION_RANGE, theirs, 'agent');
}

export function agreeE2eVersion(theirs: VersionRange): number {
  return agree(E2E_VERSION_RANGE, theirs, 'e2e');
}

/** An agent version in a peer's message must be one we speak. */
export function checkAgentVersion(v: number): void {
  if (!isVersionInRange(v, AGENT_VERSION_RANGE)) {
    throw new AgentError('VERSION', `agent version ${v} is not supported`);
  }
}

/** The SMP client version for a peer's queue; it must let us secure it (SKEY) when messaging. */
export function agreeQueueVersion(q: SmpQueueUri): number {
  const v = agree(CLIENT_VERSION_RANGE, q.clientVersions, 'SMP client');
  checkQueue(v, q.queueMode);
  return v;
}

/** A reply queue from a confirmation: messaging mode at a version with sender-secured queues. */
export function checkReplyQueue(q: SmpQueueInfo): number {
  if (q.clientVersion > CLIENT_VERSION_RANGE.max) {
    throw new AgentError('VERSION', `SMP client version ${q.clientVersion} is not supported`);
  }
  checkQueue(q.clientVersion, q.queueMode);
  if (q.queueMode !== 'messaging')
    throw new AgentError('VERSION', 'reply queue is not a messaging queue');
  return q.clientVersion;
}

function checkQueue(version: number, mode: SmpQueueUri['queueMode']): void {
  if (mode === 'messaging' && version < SmpClientVersion.senderAuthKey) {
    throw new AgentError('VERSION', 'legacy queues secured by the recipient are not supported');
  }
}

/** The SMP client version range of our own queue addresses. */
export function ourClientVersions(): VersionRange {
  return CLIENT_VERSION_RANGE;
}
