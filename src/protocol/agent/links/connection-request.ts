// Full connection links, text and binary:
//   simplex:/invitation#/?v=<agent versions>&smp=<queue URIs joined by ';'>&e2e=<ratchet params>[&data=..]
//   simplex:/contact#/?v=<agent versions>&smp=<queue URIs>[&data=..]
// https://<any host>/... is accepted on parsing; we always write simplex:. The binary form lives
// inside short-link data.
import type { Reader, Writer } from '../../encoding/codec';
import { fromUtf8, utf8 } from '../../encoding/bytes';
import { DecodeError, EncodeError } from '../../encoding/errors';
import {
  formatE2eParamsUri,
  parseE2eParamsUri,
  readE2eParamsUri,
  writeE2eParamsUri,
  type E2eRatchetParamsUri,
} from '../ratchet/e2e-params';
import { readSmpQueueUri, writeSmpQueueUri } from '../queue/queue-binary';
import { formatSmpQueueUri, parseSmpQueueUri, type SmpQueueUri } from '../queue/queue-uri';
import { QueryParams, renderQuery } from '../uri/query';
import { AGENT_VERSIONS, formatVersionRange, parseVersionRange } from '../versions';
import { readVersionRange, writeVersionRange, type VersionRange } from '../../smp/versions';

export type ConnectionMode = 'invitation' | 'contact';

interface ConnectionRequestBase {
  readonly agentVersions: VersionRange;
  /** One or more queues (NonEmpty on the wire). */
  readonly queues: readonly SmpQueueUri[];
  /** Application data (`data=`), e.g. chat's group link JSON. */
  readonly clientData?: string | undefined;
}

/** A one-time invitation: carries the initiator's double-ratchet keys. */
export interface InvitationRequest extends ConnectionRequestBase {
  readonly mode: 'invitation';
  readonly e2e: E2eRatchetParamsUri;
}

/** A reusable address: ratchet keys arrive later, in the contact request message. */
export interface ContactRequest extends ConnectionRequestBase {
  readonly mode: 'contact';
}

export type ConnectionRequest = InvitationRequest | ContactRequest;

/**
 * Contact links keep working when published by old clients: the agent range is raised so that it
 * starts at the oldest version we support (the max follows if it was lower).
 */
export function adjustContactAgentVersions(r: VersionRange): VersionRange {
  const min = Math.max(AGENT_VERSIONS.min, r.min);
  return { min, max: Math.max(min, r.max) };
}

const LINK_RE = /^(?:simplex:|https:\/\/[^/?#\s]+)\/(invitation|contact)\/?#\/\?(\S*)$/;

export function parseConnectionRequest(link: string): ConnectionRequest {
  const m = LINK_RE.exec(link.trim());
  if (!m) throw new DecodeError('not a simplex connection link');
  const mode = m[1] as ConnectionMode;
  const q = QueryParams.parse(m[2]!);
  const agentVersions = parseVersionRange(q.require('v'));
  // ';' separates queues because ',' already separates a server's hosts.
  const queues = q.require('smp').split(';').map(parseSmpQueueUri);
  const clientData = q.get('data');
  if (mode === 'contact') {
    return {
      mode,
      agentVersions: adjustContactAgentVersions(agentVersions),
      queues,
      clientData,
    };
  }
  return { mode, agentVersions, queues, clientData, e2e: parseE2eParamsUri(q.require('e2e')) };
}

export function formatConnectionRequest(cr: ConnectionRequest): string {
  if (cr.queues.length === 0) throw new EncodeError('connection request without queues');
  const pairs: [string, string][] = [
    ['v', formatVersionRange(cr.agentVersions)],
    ['smp', cr.queues.map(formatSmpQueueUri).join(';')],
  ];
  if (cr.mode === 'invitation') pairs.push(['e2e', formatE2eParamsUri(cr.e2e)]);
  if (cr.clientData !== undefined) pairs.push(['data', cr.clientData]);
  return `simplex:/${cr.mode}#/?${renderQuery(pairs)}`;
}

const MODE_CHAR: Record<ConnectionMode, string> = { invitation: 'I', contact: 'C' };

export function writeConnectionMode(w: Writer, mode: ConnectionMode): void {
  w.ascii(MODE_CHAR[mode]);
}

export function readConnectionMode(r: Reader): ConnectionMode {
  const c = r.byte();
  if (c === 0x49) return 'invitation';
  if (c === 0x43) return 'contact';
  throw new DecodeError(`invalid connection mode 0x${c.toString(16)}`);
}

export function writeConnectionRequest(w: Writer, cr: ConnectionRequest): void {
  writeConnectionMode(w, cr.mode);
  writeVersionRange(w, cr.agentVersions);
  w.nonEmptyCheck(cr.queues.length, 'connection request queues');
  w.list(cr.queues, writeSmpQueueUri);
  w.maybe(cr.clientData, (w2, d) => w2.large(utf8(d)));
  if (cr.mode === 'invitation') writeE2eParamsUri(w, cr.e2e);
}

export function readConnectionRequest(r: Reader): ConnectionRequest {
  const mode = readConnectionMode(r);
  const agentVersions = readVersionRange(r);
  // The binary form only exists from SMP client version 4, where a queue without a mode can only
  // be a contact queue (older encoders left the contact mode out).
  const queues = r
    .nonEmpty(readSmpQueueUri)
    .map((q) => (q.queueMode === undefined ? { ...q, queueMode: 'contact' as const } : q));
  const clientData = r.maybe((r2) => decodeClientData(r2.large()));
  if (mode === 'contact') return { mode, agentVersions, queues, clientData };
  return { mode, agentVersions, queues, clientData, e2e: readE2eParamsUri(r) };
}

function decodeClientData(b: Uint8Array): string {
  try {
    return fromUtf8(b);
  } catch {
    throw new DecodeError('connection request data is not valid UTF-8');
  }
}
