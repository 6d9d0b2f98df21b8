// SMP server addresses: `smp://<fingerprint>[:<basic auth>]@<host>[,<host>...][:<port>]` and the
// binary form used inside messages and link data (hosts, port, key hash).
import { base64url, fromBase64url } from '../encoding/base64';
import { bytesEqual, fromUtf8, utf8 } from '../encoding/bytes';
import type { Reader, Writer } from '../encoding/codec';
import { DecodeError } from '../encoding/errors';

export const DEFAULT_SMP_PORT = '5223';

export interface SmpServer {
  /** Host names or addresses; the first is the public one. */
  readonly hosts: readonly string[];
  /** Decimal port, or '' for the default (5223). */
  readonly port: string;
  /** SHA-256 of the server's identity certificate (chain[1]). */
  readonly keyHash: Uint8Array;
  /** Optional password that gates NEW on the server. */
  readonly basicAuth?: string | undefined;
}

const HOST_RE =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;
const PORT_RE = /^\d{1,5}$/;
const AUTH_RE = /^[A-Za-z0-9!#$%&'*+\-./^_`{|}~]{1,255}$/;

export function isValidHost(host: string): boolean {
  return host.length <= 253 && HOST_RE.test(host);
}

function checkPort(port: string): string {
  if (port !== '' && (!PORT_RE.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw new DecodeError(`invalid port '${port}'`);
  }
  return port;
}

function checkHosts(hosts: readonly string[]): readonly string[] {
  if (hosts.length === 0) throw new DecodeError('server has no hosts');
  for (const h of hosts) if (!isValidHost(h)) throw new DecodeError(`invalid host '${h}'`);
  return hosts;
}

/** Parses the `<fingerprint>[:auth]@hosts[:port]` authority (no scheme). */
export function parseSmpAuthority(authority: string): SmpServer {
  const at = authority.lastIndexOf('@');
  if (at <= 0) throw new DecodeError('server address has no fingerprint');
  const cred = authority.slice(0, at);
  const hostPart = authority.slice(at + 1);
  const colon = cred.indexOf(':');
  const fp = colon < 0 ? cred : cred.slice(0, colon);
  const basicAuth = colon < 0 ? undefined : cred.slice(colon + 1);
  if (basicAuth !== undefined && !AUTH_RE.test(basicAuth))
    throw new DecodeError('invalid server password');
  const keyHash = fromBase64url(fp);
  if (keyHash.length === 0) throw new DecodeError('empty server fingerprint');
  // The port follows the last ':' unless that colon is inside an IPv6 bracket.
  const portMatch = /:(\d+)$/.exec(hostPart);
  const hostsStr =
    portMatch && !hostPart.endsWith(']') ? hostPart.slice(0, portMatch.index) : hostPart;
  const port = portMatch && !hostPart.endsWith(']') ? portMatch[1]! : '';
  return { hosts: checkHosts(hostsStr.split(',')), port: checkPort(port), keyHash, basicAuth };
}

export function parseSmpServer(uri: string): SmpServer {
  const m = /^smp:\/\/([^/?#\s]+)\/?$/.exec(uri.trim());
  if (!m) throw new DecodeError('not an smp:// server address');
  return parseSmpAuthority(m[1]!);
}

/** `fingerprint[:auth]@hosts[:port]` with the given hosts (defaults to all). */
export function smpAuthority(server: SmpServer, hosts: readonly string[] = server.hosts): string {
  const auth = server.basicAuth ? `:${server.basicAuth}` : '';
  const port = server.port ? `:${server.port}` : '';
  return `${base64url(server.keyHash)}${auth}@${hosts.join(',')}${port}`;
}

export function serializeSmpServer(server: SmpServer): string {
  return `smp://${smpAuthority(server)}`;
}

/** Binary form: host list (count + shortStrings), port shortString, key hash shortString. */
export function writeSmpServer(w: Writer, server: SmpServer): void {
  w.nonEmptyCheck(server.hosts.length, 'server hosts');
  w.list(server.hosts, (w2, h) => w2.shortString(utf8(h)));
  w.shortString(utf8(server.port));
  w.shortString(server.keyHash);
}

export function readSmpServer(r: Reader): SmpServer {
  const hosts = r.nonEmpty((r2) => fromUtf8(r2.shortString()));
  const port = fromUtf8(r.shortString());
  const keyHash = r.shortString().slice();
  return { hosts: checkHosts(hosts), port: checkPort(port), keyHash };
}

/** Same server identity: same key hash and at least one shared host (upstream's rule). */
export function sameSmpServer(a: SmpServer, b: SmpServer): boolean {
  return bytesEqual(a.keyHash, b.keyHash) && a.hosts.some((h) => b.hosts.includes(h));
}

/** Port as a number, applying the default. */
export function smpPortNumber(server: SmpServer): number {
  return Number(server.port || DEFAULT_SMP_PORT);
}
