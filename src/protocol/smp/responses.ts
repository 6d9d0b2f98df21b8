/**
 * SMP responses and server events (server -> client): typed values, and their encoding and
 * parsing at a negotiated version. The server encodes, the client parses. Older versions get
 * what upstream sends them: IDS without the newer fields, OK for SOK, END for DELD, AUTH for
 * BLOCKED, BLOCKED without its notice.
 */
import { encode, type Reader, type Writer } from '../encoding/codec';
import { DecodeError } from '../encoding/errors';
import type { QueueLinkData, QueueMode } from './commands';
import { readSmpError, writeSmpError, type SmpError } from './errors';
import { readDhKey, writeDhKey } from './public-keys';
import { decodeQueueInfo, encodeQueueInfo, type QueueInfo } from './queue-info';
import { notParsed, parsed, splitTag, type Parsed } from './tags';
import { SMP_VERSION } from './versions';

export interface ServerNtfCredentials {
  readonly notifierId: Uint8Array;
  /** SPKI (X25519) of the server's key for notification metadata. */
  readonly serverNtfDhKey: Uint8Array;
}

export interface QueueIds {
  readonly recipientId: Uint8Array;
  readonly senderId: Uint8Array;
  /** SPKI (X25519) of the server's key for this queue's message re-encryption. */
  readonly serverDhKey: Uint8Array;
  /** v9+ (v9-14 as a Bool sender-can-secure). */
  readonly queueMode?: QueueMode | undefined;
  /** v15+. */
  readonly linkId?: Uint8Array | undefined;
  /** v16+. */
  readonly serviceId?: Uint8Array | undefined;
  /** v17+. */
  readonly serverNtfCreds?: ServerNtfCredentials | undefined;
}

export type Response =
  | ({ readonly type: 'IDS' } & QueueIds)
  | { readonly type: 'LNK'; readonly senderId: Uint8Array; readonly data: QueueLinkData }
  /** v16+ answer to SUB (older versions get OK). */
  | { readonly type: 'SOK'; readonly serviceId?: Uint8Array | undefined }
  /** `body` is the server-encrypted message (see delivery.ts). */
  | { readonly type: 'MSG'; readonly msgId: Uint8Array; readonly body: Uint8Array }
  | { readonly type: 'END' | 'DELD' | 'OK' | 'PONG' }
  | { readonly type: 'INFO'; readonly info: QueueInfo }
  | { readonly type: 'ERR'; readonly error: SmpError };

export type ResponseTag = Response['type'];

/** Real SMP response tags outside our subset (notifications, private routing, services). */
export const UNSUPPORTED_RESPONSE_TAGS = [
  'NID',
  'NMSG',
  'PKEY',
  'RRES',
  'PRES',
  'SOKS',
  'ENDS',
] as const;

const RESPONSE_TAGS: readonly string[] = [
  'IDS',
  'LNK',
  'SOK',
  'MSG',
  'END',
  'DELD',
  'OK',
  'PONG',
  'INFO',
  'ERR',
] satisfies readonly ResponseTag[];

function writeQueueMode(w: Writer, m: QueueMode): void {
  w.ascii(m === 'messaging' ? 'M' : 'C');
}

function readQueueMode(r: Reader): QueueMode {
  const b = r.byte();
  if (b === 0x4d /* M */) return 'messaging';
  if (b === 0x43 /* C */) return 'contact';
  throw new DecodeError('bad queue mode');
}

function writeIds(w: Writer, v: number, ids: QueueIds): void {
  w.space().shortString(ids.recipientId).shortString(ids.senderId);
  writeDhKey(w, ids.serverDhKey);
  if (v < SMP_VERSION.sndAuthKey) return;
  if (v < SMP_VERSION.shortLinks) {
    w.bool(ids.queueMode === 'messaging');
    return;
  }
  w.maybe(ids.queueMode, writeQueueMode);
  w.maybe(ids.linkId, (w2, id) => w2.shortString(id));
  if (v < SMP_VERSION.serviceCerts) return;
  w.maybe(ids.serviceId, (w2, id) => w2.shortString(id));
  if (v < SMP_VERSION.newNtfCreds) return;
  w.maybe(ids.serverNtfCreds, (w2, n) => {
    w2.shortString(n.notifierId);
    writeDhKey(w2, n.serverNtfDhKey);
  });
}

function readIds(r: Reader, v: number): QueueIds {
  r.space();
  const recipientId = r.shortString().slice();
  const senderId = r.shortString().slice();
  const serverDhKey = readDhKey(r);
  const ids = { recipientId, senderId, serverDhKey };
  if (v < SMP_VERSION.sndAuthKey) return ids;
  if (v < SMP_VERSION.shortLinks) {
    return { ...ids, queueMode: r.bool() ? 'messaging' : 'contact' };
  }
  const queueMode = r.maybe(readQueueMode);
  const linkId = r.maybe((r2) => r2.shortString().slice());
  if (v < SMP_VERSION.serviceCerts) return { ...ids, queueMode, linkId };
  const serviceId = r.maybe((r2) => r2.shortString().slice());
  if (v < SMP_VERSION.newNtfCreds) return { ...ids, queueMode, linkId, serviceId };
  const serverNtfCreds = r.maybe((r2) => ({
    notifierId: r2.shortString().slice(),
    serverNtfDhKey: readDhKey(r2),
  }));
  return { ...ids, queueMode, linkId, serviceId, serverNtfCreds };
}

/** The error as a client of this version may see it. */
function errorForVersion(v: number, e: SmpError): SmpError {
  if (e.type !== 'BLOCKED') return e;
  if (v < SMP_VERSION.blockedEntity) return { type: 'AUTH' };
  if (v < SMP_VERSION.clientNotices) return { type: 'BLOCKED', info: { reason: e.info.reason } };
  return e;
}

/** Response bytes (tag and parameters) at the negotiated version. */
export function encodeResponse(version: number, resp: Response): Uint8Array {
  return encode((w) => {
    switch (resp.type) {
      case 'IDS':
        w.ascii('IDS');
        writeIds(w, version, resp);
        return;
      case 'LNK':
        w.ascii('LNK').space().shortString(resp.senderId);
        w.large(resp.data.fixedData).large(resp.data.userData);
        return;
      case 'SOK':
        if (version < SMP_VERSION.serviceCerts) w.ascii('OK');
        else
          w.ascii('SOK')
            .space()
            .maybe(resp.serviceId, (w2, id) => w2.shortString(id));
        return;
      case 'MSG':
        w.ascii('MSG').space().shortString(resp.msgId).bytes(resp.body);
        return;
      case 'DELD':
        w.ascii(version < SMP_VERSION.deletedEvent ? 'END' : 'DELD');
        return;
      case 'INFO':
        w.ascii('INFO').space().bytes(encodeQueueInfo(resp.info));
        return;
      case 'ERR':
        w.ascii('ERR').space();
        writeSmpError(w, errorForVersion(version, resp.error));
        return;
      default:
        w.ascii(resp.type);
        return;
    }
  });
}

function readParams(tag: ResponseTag, r: Reader, v: number): Response {
  switch (tag) {
    case 'IDS':
      return { type: tag, ...readIds(r, v) };
    case 'LNK': {
      r.space();
      const senderId = r.shortString().slice();
      return {
        type: tag,
        senderId,
        data: { fixedData: r.large().slice(), userData: r.large().slice() },
      };
    }
    case 'SOK':
      r.space();
      return { type: tag, serviceId: r.maybe((r2) => r2.shortString().slice()) };
    case 'MSG': {
      r.space();
      const msgId = r.shortString().slice();
      return { type: tag, msgId, body: r.tail().slice() };
    }
    case 'INFO':
      r.space();
      return { type: tag, info: decodeQueueInfo(r.tail()) };
    case 'ERR':
      r.space();
      return { type: tag, error: readSmpError(r) };
    default:
      return { type: tag };
  }
}

/**
 * Parses response bytes. Unknown and unsupported tags are results; bad parameters (or any
 * trailing byte) of a known tag throw DecodeError.
 */
export function decodeResponse(version: number, bytes: Uint8Array): Parsed<Response> {
  const { tag, params } = splitTag(bytes);
  if ((UNSUPPORTED_RESPONSE_TAGS as readonly string[]).includes(tag)) {
    return notParsed('UNSUPPORTED', tag);
  }
  if (!RESPONSE_TAGS.includes(tag)) return notParsed('UNKNOWN', tag);
  const response = readParams(tag as ResponseTag, params, version);
  params.end(tag);
  return parsed(response);
}
