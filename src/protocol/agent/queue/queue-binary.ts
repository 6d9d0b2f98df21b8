// Binary forms of queue addresses, used inside agent messages (reply queues, rotation) and link
// data. The trailing queue mode depends on the client version: a bare 'M'/'C' from version 4,
// a Bool "sender can secure" for version 3, nothing before; version 1 has a one-host server.
import type { Reader, Writer } from '../../encoding/codec';
import { bytesEqual, fromUtf8, utf8 } from '../../encoding/bytes';
import { DecodeError } from '../../encoding/errors';
import { isValidHost, readSmpServer, writeSmpServer, type SmpServer } from '../../smp/address';
import { readPublicKey, writePublicKey } from '../keys';
import { SmpClientVersion } from '../versions';
import { readVersionRange, writeVersionRange } from '../../smp/versions';
import {
  addLegacyOnionHost,
  senderCanSecure,
  type QueueMode,
  type SmpQueueAddress,
  type SmpQueueUri,
} from './queue-uri';

/** A queue address at one negotiated SMP client version (reply queues in confirmations). */
export interface SmpQueueInfo extends SmpQueueAddress {
  readonly clientVersion: number;
}

/** Identifies a sender's queue: server and sender ID (queue rotation, quota continuation). */
export interface SndQueueAddress {
  readonly server: SmpServer;
  readonly senderId: Uint8Array;
}

const M = 0x4d;
const C = 0x43;
const T = 0x54;
const F = 0x46;

function writeAddress(w: Writer, q: SmpQueueAddress): void {
  writeSmpServer(w, q.server);
  w.shortString(q.senderId);
  writePublicKey(w, 'x25519', q.dhPublicKey);
}

function writeModeChar(w: Writer, mode: QueueMode | undefined): void {
  if (mode !== undefined) w.byte(mode === 'messaging' ? M : C);
}

/**
 * The optional mode suffix: 'M'/'C', or 'T'/'F' (sender can secure). Anything else is the next
 * field and is left unread, exactly as upstream's parser backtracks.
 */
function readModeSuffix(r: Reader): QueueMode | undefined {
  switch (r.peek()) {
    case M:
    case T:
      r.byte();
      return 'messaging';
    case C:
    case F:
      r.byte();
      return 'contact';
    default:
      return undefined;
  }
}

export function writeSmpQueueUri(w: Writer, q: SmpQueueUri): void {
  const { min, max } = q.clientVersions;
  writeVersionRange(w, q.clientVersions);
  writeAddress(w, q);
  const canSecure = senderCanSecure(q.queueMode);
  // Older clients cannot skip an unknown suffix, so each one gets what it understands.
  if (min >= SmpClientVersion.shortLinks) {
    writeModeChar(w, q.queueMode);
  } else if (
    min >= SmpClientVersion.senderAuthKey ||
    (max >= SmpClientVersion.senderAuthKey && canSecure)
  ) {
    w.bool(canSecure);
  }
}

export function readSmpQueueUri(r: Reader): SmpQueueUri {
  const clientVersions = readVersionRange(r);
  const server = readSmpServer(r);
  const senderId = r.shortString().slice();
  const dhPublicKey = readPublicKey(r, 'x25519');
  return { clientVersions, server, senderId, dhPublicKey, queueMode: readModeSuffix(r) };
}

function writeLegacyServer(w: Writer, server: SmpServer): void {
  w.shortString(utf8(server.hosts[0] ?? ''));
  w.shortString(utf8(server.port));
  w.shortString(server.keyHash);
}

function readLegacyServer(r: Reader): SmpServer {
  const host = fromUtf8(r.shortString());
  const port = fromUtf8(r.shortString());
  const keyHash = r.shortString().slice();
  if (!isValidHost(host)) throw new DecodeError(`invalid host '${host}'`);
  if (port !== '' && !/^\d{1,5}$/.test(port)) throw new DecodeError(`invalid port '${port}'`);
  return addLegacyOnionHost({ hosts: [host], port, keyHash });
}

export function writeSmpQueueInfo(w: Writer, q: SmpQueueInfo): void {
  const v = q.clientVersion;
  w.word16(v);
  if (v === SmpClientVersion.initial) {
    writeLegacyServer(w, q.server);
    w.shortString(q.senderId);
    writePublicKey(w, 'x25519', q.dhPublicKey);
    return;
  }
  writeAddress(w, q);
  if (v >= SmpClientVersion.shortLinks) writeModeChar(w, q.queueMode);
  else if (v >= SmpClientVersion.senderAuthKey && senderCanSecure(q.queueMode)) w.bool(true);
}

export function readSmpQueueInfo(r: Reader): SmpQueueInfo {
  const clientVersion = r.word16();
  if (clientVersion === 0) throw new DecodeError('SMP client version 0');
  const server = clientVersion > SmpClientVersion.initial ? readSmpServer(r) : readLegacyServer(r);
  const senderId = r.shortString().slice();
  const dhPublicKey = readPublicKey(r, 'x25519');
  return { clientVersion, server, senderId, dhPublicKey, queueMode: readModeSuffix(r) };
}

export function writeSndQueueAddress(w: Writer, a: SndQueueAddress): void {
  writeSmpServer(w, a.server);
  w.shortString(a.senderId);
}

export function readSndQueueAddress(r: Reader): SndQueueAddress {
  const server = readSmpServer(r);
  return { server, senderId: r.shortString().slice() };
}

/** Same queue: same sender ID on the same server address (hosts and port, upstream's rule). */
export function sameQueueAddress(a: SndQueueAddress, b: SndQueueAddress): boolean {
  const sameHosts =
    a.server.hosts.length === b.server.hosts.length &&
    a.server.hosts.every((h, i) => h === b.server.hosts[i]);
  return sameHosts && a.server.port === b.server.port && bytesEqual(a.senderId, b.senderId);
}
