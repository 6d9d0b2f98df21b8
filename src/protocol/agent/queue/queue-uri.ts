// SMP queue addresses as they appear in connection links:
//   smp://<fp>@<hosts>[:port]/<SID>#/?v=<client versions>&dh=<X25519 SPKI>[&q=m|c][&k=s][&srv=<hosts>]
// Legacy forms are accepted on parsing: the DH key right after '#', no query at all (version 1),
// extra hosts in `srv=`, unknown parameters and any parameter order.
import { base64url, fromBase64url } from '../../encoding/base64';
import { DecodeError, EncodeError } from '../../encoding/errors';
import { isValidHost, parseSmpAuthority, smpAuthority, type SmpServer } from '../../smp/address';
import { publicKeyFromText, publicKeyToText } from '../keys';
import { QueryParams, renderQuery, type QueryPairs } from '../uri/query';
import { SmpClientVersion, formatVersionRange, parseVersionRange, versionRange } from '../versions';
import { type VersionRange } from '../../smp/versions';

/** `messaging` queues may be secured by the sender (SKEY); `contact` queues never are. */
export type QueueMode = 'messaging' | 'contact';

export interface SmpQueueAddress {
  readonly server: SmpServer;
  readonly senderId: Uint8Array;
  /** Raw X25519 key of the recipient for the per-queue e2e layer. */
  readonly dhPublicKey: Uint8Array;
  /** Absent in links made before queue modes existed. */
  readonly queueMode?: QueueMode | undefined;
}

/** A queue address with the range of SMP client versions its creator supports. */
export interface SmpQueueUri extends SmpQueueAddress {
  readonly clientVersions: VersionRange;
}

/** The sender may secure the queue itself (SKEY) only in messaging mode. */
export function senderCanSecure(mode: QueueMode | undefined): boolean {
  return mode === 'messaging';
}

// Version-1 links named only one host; the agent knew the onion addresses of its preset servers.
const LEGACY_ONION_HOSTS: Readonly<Record<string, string>> = {
  'smp4.simplex.im': 'o5vmywmrnaxalvz6wi3zicyftgio6psuvyniis6gco6bp6ekl4cqj4id.onion',
  'smp5.simplex.im': 'jjbyvoemxysm7qxap7m5d5m35jzv5qq6gnlv7s4rsn7tdwwmuqciwpid.onion',
  'smp6.simplex.im': 'bylepyau3ty4czmn77q4fglvperknl4bi2eb2fdy2bh4jxtf32kf73yd.onion',
  'smp8.simplex.im': 'beccx4yfxxbvyhqypaavemqurytl6hozr47wfc7uuecacjqdvwpw2xid.onion',
  'smp9.simplex.im': 'jssqzccmrcws6bhmn77vgmhfjmhwlyr3u7puw4erkyoosywgl67slqqd.onion',
  'smp10.simplex.im': 'rb2pbttocvnbrngnwziclp2f4ckjq65kebafws6g4hy22cdaiv5dwjqd.onion',
};

/** Adds the known onion host to a single-host preset server (legacy version-1 addresses). */
export function addLegacyOnionHost(server: SmpServer): SmpServer {
  const [only, ...rest] = server.hosts;
  const onion = only === undefined || rest.length > 0 ? undefined : LEGACY_ONION_HOSTS[only];
  return onion === undefined ? server : { ...server, hosts: [only!, onion] };
}

function parseHostList(s: string): string[] {
  const hosts = s.split(',');
  for (const h of hosts) if (!isValidHost(h)) throw new DecodeError(`invalid host '${h}'`);
  return hosts;
}

function parseQueueMode(q: QueryParams): QueueMode | undefined {
  switch (q.get('q')) {
    case 'm':
      return 'messaging';
    case 'c':
      return 'contact';
    default:
      // Before explicit modes, `k=s` marked queues the sender can secure.
      return q.get('k') === 's' ? 'messaging' : undefined;
  }
}

const URI_RE = /^smp:\/\/([^/#?]+)\/([A-Za-z0-9_-]+=*)\/?#(.*)$/;
const VERSIONED_RE = /^([A-Za-z0-9_-]+=*)?\/?\?(.*)$/;
const UNVERSIONED_RE = /^[A-Za-z0-9_-]+=*$/;

export function parseSmpQueueUri(uri: string): SmpQueueUri {
  if (/\s/.test(uri)) throw new DecodeError('queue address contains whitespace');
  const m = URI_RE.exec(uri);
  if (!m) throw new DecodeError('not an smp:// queue address');
  const authority = parseSmpAuthority(m[1]!);
  if (authority.basicAuth !== undefined) throw new DecodeError('queue address with a password');
  const senderId = fromBase64url(m[2]!);
  if (senderId.length === 0) throw new DecodeError('empty queue sender ID');
  const rest = m[3]!;

  let clientVersions: VersionRange;
  let dhKeyText: string;
  let extraHosts: string[] = [];
  let queueMode: QueueMode | undefined;
  const versioned = VERSIONED_RE.exec(rest);
  if (versioned) {
    const q = QueryParams.parse(versioned[2]!);
    clientVersions = parseVersionRange(q.require('v'));
    dhKeyText = versioned[1] ?? q.require('dh');
    const srv = q.get('srv');
    if (srv !== undefined) extraHosts = parseHostList(srv);
    queueMode = parseQueueMode(q);
  } else if (UNVERSIONED_RE.test(rest)) {
    clientVersions = versionRange(SmpClientVersion.initial);
    dhKeyText = rest;
  } else {
    throw new DecodeError('malformed queue address parameters');
  }

  const joined: SmpServer = {
    hosts: [...authority.hosts, ...extraHosts],
    port: authority.port,
    keyHash: authority.keyHash,
  };
  const server =
    clientVersions.max < SmpClientVersion.serverHostnames ? addLegacyOnionHost(joined) : joined;
  const dhPublicKey = publicKeyFromText('x25519', dhKeyText);
  return { clientVersions, server, senderId, dhPublicKey, queueMode };
}

/** The canonical text form (what upstream's strEncode produces). */
export function formatSmpQueueUri(q: SmpQueueUri): string {
  const params: [string, string][] = [
    ['v', formatVersionRange(q.clientVersions)],
    ['dh', publicKeyToText('x25519', q.dhPublicKey)],
  ];
  if (q.queueMode === 'messaging') params.push(['q', 'm']);
  if (q.queueMode === 'contact') params.push(['q', 'c']);
  if (senderCanSecure(q.queueMode) && q.clientVersions.min < SmpClientVersion.shortLinks) {
    params.push(['k', 's']);
  }
  const sid = base64url(q.senderId);
  // Clients older than version 2 read one host from the authority; the rest travel in srv=.
  const allHostsInAuthority = q.clientVersions.min >= SmpClientVersion.serverHostnames;
  const [first, ...others] = q.server.hosts;
  if (first === undefined) throw new EncodeError('server has no hosts');
  const hosts = allHostsInAuthority ? q.server.hosts : [first];
  const query: QueryPairs =
    allHostsInAuthority || others.length === 0 ? params : [...params, ['srv', others.join(',')]];
  const server = { ...q.server, basicAuth: undefined };
  return `smp://${smpAuthority(server, hosts)}/${sid}#/?${renderQuery(query)}`;
}
