// Short links (text and binary):
//   https://<host>/<t>#<linkKey>[?h=<other hosts>&p=<port>&c=<fingerprint>]   t = a|g|c|r
//   simplex:/<t>#<linkKey>?h=<all hosts>[&p=..&c=..]
//   .../i#<linkId>/<linkKey>                                                   one-time invitations
// Keys, IDs and fingerprints are unpadded base64url. Links to preset servers keep only the host;
// the reader restores the rest from its own preset list.
import { base64urlNoPad, fromBase64url } from '../../encoding/base64';
import type { Reader, Writer } from '../../encoding/codec';
import { bytesEqual } from '../../encoding/bytes';
import { DecodeError, EncodeError } from '../../encoding/errors';
import { isValidHost, readSmpServer, writeSmpServer, type SmpServer } from '../../smp/address';
import { QueryParams, renderQuery } from '../uri/query';
import { readConnectionMode, writeConnectionMode } from './connection-request';

export type ShortLinkScheme = 'simplex' | 'https';

/** What a contact-type link points to: an address, a group, a channel or a chat relay. */
export type ContactLinkType = 'contact' | 'group' | 'channel' | 'relay';

export const LINK_KEY_SIZE = 32;
export const INVITATION_LINK_ID_SIZE = 24;

export interface InvitationShortLink {
  readonly mode: 'invitation';
  readonly scheme: ShortLinkScheme;
  readonly server: SmpServer;
  /** Chosen by the server. */
  readonly linkId: Uint8Array;
  readonly linkKey: Uint8Array;
}

export interface ContactShortLink {
  readonly mode: 'contact';
  readonly scheme: ShortLinkScheme;
  readonly type: ContactLinkType;
  readonly server: SmpServer;
  readonly linkKey: Uint8Array;
}

export type ShortLink = InvitationShortLink | ContactShortLink;

const TYPE_CHAR: Record<ContactLinkType, string> = {
  contact: 'A',
  group: 'G',
  channel: 'C',
  relay: 'R',
};

function contactTypeFromChar(c: string): ContactLinkType | undefined {
  return (Object.keys(TYPE_CHAR) as ContactLinkType[]).find((t) => TYPE_CHAR[t] === c);
}

function checkSize(b: Uint8Array, size: number, what: string): Uint8Array {
  if (b.length !== size) throw new DecodeError(`${what} must be ${size} bytes`);
  return b;
}

const LINK_RE = /^(simplex:|https:\/\/([^/?#]+))\/([A-Za-z])\/?#([A-Za-z0-9_\-=/]+)(?:\?(.*))?$/;

export function parseShortLink(link: string): ShortLink {
  if (/\s/.test(link)) throw new DecodeError('short link contains whitespace');
  const m = LINK_RE.exec(link);
  if (!m) throw new DecodeError('not a short link');
  const scheme: ShortLinkScheme = m[1] === 'simplex:' ? 'simplex' : 'https';
  const urlHost = m[2];
  const typeChar = m[3]!;
  const server = parseLinkServer(urlHost, m[5]);
  const fragment = m[4]!.split('/');
  if (typeChar === 'i') {
    const [id, key] = fragment;
    if (fragment.length !== 2 || id === undefined || key === undefined) {
      throw new DecodeError('invitation link must hold <linkId>/<linkKey>');
    }
    const linkId = checkSize(fromBase64url(id), INVITATION_LINK_ID_SIZE, 'link ID');
    const linkKey = checkSize(fromBase64url(key), LINK_KEY_SIZE, 'link key');
    return { mode: 'invitation', scheme, server, linkId, linkKey };
  }
  const type = contactTypeFromChar(typeChar.toUpperCase());
  if (type === undefined) throw new DecodeError(`unknown short link type '${typeChar}'`);
  if (fragment.length !== 1) throw new DecodeError('contact link must hold only the link key');
  const linkKey = checkSize(fromBase64url(fragment[0]!), LINK_KEY_SIZE, 'link key');
  return { mode: 'contact', scheme, type, server, linkKey };
}

function parseLinkServer(urlHost: string | undefined, query: string | undefined): SmpServer {
  const hosts = urlHost === undefined ? [] : [urlHost];
  let port = '';
  let keyHash: Uint8Array = new Uint8Array(0);
  if (query !== undefined) {
    const q = QueryParams.parse(query);
    const h = q.get('h');
    if (h !== undefined) hosts.push(...h.split(','));
    const p = q.get('p');
    if (p !== undefined) {
      if (!/^\d{1,5}$/.test(p) || Number(p) > 0xffff) throw new DecodeError(`invalid port '${p}'`);
      port = String(Number(p));
    }
    const c = q.get('c');
    if (c !== undefined) keyHash = fromBase64url(c);
  }
  if (hosts.length === 0) throw new DecodeError('short link without server');
  for (const h of hosts) if (!isValidHost(h)) throw new DecodeError(`invalid host '${h}'`);
  return { hosts, port, keyHash };
}

export function formatShortLink(link: ShortLink): string {
  const [first, ...others] = link.server.hosts;
  if (first === undefined) throw new EncodeError('short link server has no hosts');
  const authority = link.scheme === 'simplex' ? 'simplex:' : `https://${first}`;
  const paramHosts = link.scheme === 'simplex' ? link.server.hosts : others;
  const typeChar = link.mode === 'invitation' ? 'i' : TYPE_CHAR[link.type].toLowerCase();
  const idPart = link.mode === 'invitation' ? `${base64urlNoPad(link.linkId)}/` : '';
  const pairs: [string, string][] = [];
  if (paramHosts.length > 0) pairs.push(['h', paramHosts.join(',')]);
  if (link.server.port !== '') pairs.push(['p', link.server.port]);
  if (link.server.keyHash.length > 0) pairs.push(['c', base64urlNoPad(link.server.keyHash)]);
  const query = pairs.length > 0 ? `?${renderQuery(pairs)}` : '';
  return `${authority}/${typeChar}#${idPart}${base64urlNoPad(link.linkKey)}${query}`;
}

export function writeShortLink(w: Writer, link: ShortLink): void {
  writeConnectionMode(w, link.mode);
  if (link.mode === 'invitation') {
    writeSmpServer(w, link.server);
    w.shortString(link.linkId);
  } else {
    w.ascii(TYPE_CHAR[link.type]);
    writeSmpServer(w, link.server);
  }
  w.shortString(link.linkKey);
}

/** The binary form does not record the scheme; links read from it are https links. */
export function readShortLink(r: Reader): ShortLink {
  const mode = readConnectionMode(r);
  if (mode === 'invitation') {
    const server = readSmpServer(r);
    const linkId = r.shortString().slice();
    const linkKey = checkSize(r.shortString().slice(), LINK_KEY_SIZE, 'link key');
    return { mode, scheme: 'https', server, linkId, linkKey };
  }
  const typeByte = r.byte();
  const type = contactTypeFromChar(String.fromCharCode(typeByte));
  if (type === undefined)
    throw new DecodeError(`unknown contact link type 0x${typeByte.toString(16)}`);
  const server = readSmpServer(r);
  const linkKey = checkSize(r.shortString().slice(), LINK_KEY_SIZE, 'link key');
  return { mode, scheme: 'https', type, server, linkKey };
}

function hostOnly(server: SmpServer): boolean {
  return server.hosts.length === 1 && server.port === '' && server.keyHash.length === 0;
}

/** The preset server with the same first host. */
function findPreset(server: SmpServer, presets: readonly SmpServer[]): SmpServer | undefined {
  return presets.find((p) => p.hosts[0] === server.hosts[0]);
}

/**
 * Keeps only the host when the link's server is one of `presets` (all preset servers, never
 * user-configured ones): same key hash, every host known, and the same port, where 443 and 5223
 * match a preset written without a port.
 */
export function shortenShortLink<L extends ShortLink>(link: L, presets: readonly SmpServer[]): L {
  const s = link.server;
  const preset = findPreset(s, presets);
  const isPreset =
    preset !== undefined &&
    s.hosts.every((h) => preset.hosts.includes(h)) &&
    (s.port === preset.port || (preset.port === '' && (s.port === '443' || s.port === '5223'))) &&
    bytesEqual(s.keyHash, preset.keyHash);
  if (!isPreset) return link;
  return { ...link, server: { hosts: [s.hosts[0]!], port: '', keyHash: new Uint8Array(0) } };
}

/** The inverse of shortenShortLink: a host-only server becomes the full preset server. */
export function restoreShortLink<L extends ShortLink>(link: L, presets: readonly SmpServer[]): L {
  if (!hostOnly(link.server)) return link;
  const preset = findPreset(link.server, presets);
  if (preset === undefined) return link;
  return { ...link, server: { hosts: preset.hosts, port: preset.port, keyHash: preset.keyHash } };
}
