/**
 * SMP commands (client -> server) of §1.4 without notifications and private routing: typed
 * values, and their encoding and parsing at a negotiated version. The client encodes, the server
 * parses; NEW is the only command whose layout depends on the version.
 */
import { fromLatin1, latin1 } from '../encoding/bytes';
import { encode, type Reader, type Writer } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';
import { readAuthKey, readDhKey, writeAuthKey, writeDhKey } from './public-keys';
import { notParsed, parsed, splitTag, type Parsed } from './tags';
import { SMP_VERSION } from './versions';

export type QueueMode = 'messaging' | 'contact';

/** The two encrypted short-link blobs stored with a queue (each sent as Large). */
export interface QueueLinkData {
  readonly fixedData: Uint8Array;
  readonly userData: Uint8Array;
}

/** QueueReqData of NEW (v15+): the queue mode and, for short links, the link data. */
export type QueueRequest =
  | {
      readonly mode: 'messaging';
      readonly link?: { readonly senderId: Uint8Array; readonly data: QueueLinkData } | undefined;
    }
  | {
      readonly mode: 'contact';
      readonly link?:
        | {
            readonly linkId: Uint8Array;
            readonly senderId: Uint8Array;
            readonly data: QueueLinkData;
          }
        | undefined;
    };

export interface NewNtfCredentials {
  /** SPKI of the notifier's auth key. */
  readonly notifierKey: Uint8Array;
  /** SPKI (X25519) of the recipient's key for notification metadata. */
  readonly rcvNtfDhKey: Uint8Array;
}

export interface NewQueue {
  /** SPKI of the recipient's auth key (Ed25519, Ed448 or X25519). */
  readonly rcvAuthKey: Uint8Array;
  /** SPKI (X25519) of the recipient's key for server-to-recipient encryption. */
  readonly rcvDhKey: Uint8Array;
  /** Server password, if the server requires one for NEW. */
  readonly basicAuth?: string | undefined;
  /** `S`: subscribe now; `C`: only create. */
  readonly subscribe: boolean;
  /** v9-14 carry only the mode (as a Bool); v15+ the full request. */
  readonly queueRequest?: QueueRequest | undefined;
  /** v17+. */
  readonly ntfCreds?: NewNtfCredentials | undefined;
}

export type Command =
  | ({ readonly type: 'NEW' } & NewQueue)
  | { readonly type: 'SUB' | 'LDEL' | 'GET' | 'OFF' | 'DEL' | 'QUE' | 'PING' | 'LGET' }
  | { readonly type: 'KEY' | 'SKEY' | 'LKEY'; readonly senderKey: Uint8Array }
  | { readonly type: 'LSET'; readonly linkId: Uint8Array; readonly data: QueueLinkData }
  /** An empty msgId acknowledges whatever message was delivered. */
  | { readonly type: 'ACK'; readonly msgId: Uint8Array }
  | { readonly type: 'SEND'; readonly notification: boolean; readonly body: Uint8Array };

export type CommandTag = Command['type'];

/** Real SMP command tags outside our subset: parsed as UNSUPPORTED, parameters unread. */
export const UNSUPPORTED_COMMAND_TAGS = [
  'SUBS',
  'RKEY',
  'NKEY',
  'NDEL',
  'NSUB',
  'NSUBS',
  'PRXY',
  'PFWD',
  'RFWD',
] as const;

// ---- basic auth: printable ASCII without space, '@', ':' and '/' (upstream's rule) ----

function checkBasicAuth(s: string, fail: (msg: string) => Error): string {
  if (!/^[\x21-\x7e]*$/.test(s) || /[@:/]/.test(s)) throw fail('invalid basic auth');
  return s;
}

const encodeErr = (m: string) => new EncodeError(m);
const decodeErr = (m: string) => new DecodeError(m);

// ---- NEW ----

function writeLinkData(w: Writer, d: QueueLinkData): void {
  w.large(d.fixedData).large(d.userData);
}

function readLinkData(r: Reader): QueueLinkData {
  return { fixedData: r.large().slice(), userData: r.large().slice() };
}

function writeQueueRequest(w: Writer, q: QueueRequest): void {
  if (q.mode === 'messaging') {
    w.ascii('M').maybe(q.link, (w2, l) => {
      w2.shortString(l.senderId);
      writeLinkData(w2, l.data);
    });
  } else {
    w.ascii('C').maybe(q.link, (w2, l) => {
      w2.shortString(l.linkId).shortString(l.senderId);
      writeLinkData(w2, l.data);
    });
  }
}

function readQueueRequest(r: Reader): QueueRequest {
  const mode = r.byte();
  if (mode === 0x4d /* M */) {
    const link = r.maybe((r2) => ({ senderId: r2.shortString().slice(), data: readLinkData(r2) }));
    return { mode: 'messaging', link };
  }
  if (mode === 0x43 /* C */) {
    const link = r.maybe((r2) => ({
      linkId: r2.shortString().slice(),
      senderId: r2.shortString().slice(),
      data: readLinkData(r2),
    }));
    return { mode: 'contact', link };
  }
  throw new DecodeError('bad QueueReqData');
}

function writeSubscribeMode(w: Writer, subscribe: boolean): void {
  w.ascii(subscribe ? 'S' : 'C');
}

function readSubscribeMode(r: Reader): boolean {
  const b = r.byte();
  if (b === 0x53 /* S */) return true;
  if (b === 0x43 /* C */) return false;
  throw new DecodeError('bad subscription mode');
}

function writeNew(w: Writer, v: number, c: NewQueue): void {
  const auth = c.basicAuth === undefined ? undefined : checkBasicAuth(c.basicAuth, encodeErr);
  const q = c.queueRequest;
  if (q?.link && v < SMP_VERSION.shortLinks) {
    throw new EncodeError(`NEW with link data needs SMP v${SMP_VERSION.shortLinks}`);
  }
  if (q?.mode === 'messaging' && v < SMP_VERSION.sndAuthKey) {
    throw new EncodeError(`sender-secured queues need SMP v${SMP_VERSION.sndAuthKey}`);
  }
  if (c.ntfCreds && v < SMP_VERSION.newNtfCreds) {
    throw new EncodeError(`NEW with notifier credentials needs SMP v${SMP_VERSION.newNtfCreds}`);
  }
  w.space();
  writeAuthKey(w, c.rcvAuthKey);
  writeDhKey(w, c.rcvDhKey);
  if (v < SMP_VERSION.sndAuthKey) {
    if (auth !== undefined) w.ascii('A').shortString(latin1(auth));
    writeSubscribeMode(w, c.subscribe);
    return;
  }
  w.maybe(auth, (w2, a) => w2.shortString(latin1(a)));
  writeSubscribeMode(w, c.subscribe);
  if (v < SMP_VERSION.shortLinks) {
    w.bool(q?.mode === 'messaging');
    return;
  }
  w.maybe(q, writeQueueRequest);
  if (v >= SMP_VERSION.newNtfCreds) {
    w.maybe(c.ntfCreds, (w2, n) => {
      writeAuthKey(w2, n.notifierKey);
      writeDhKey(w2, n.rcvNtfDhKey);
    });
  }
}

function readBasicAuth(r: Reader): string {
  return checkBasicAuth(fromLatin1(r.shortString()), decodeErr);
}

function readNew(r: Reader, v: number): NewQueue {
  r.space();
  const rcvAuthKey = readAuthKey(r);
  const rcvDhKey = readDhKey(r);
  if (v < SMP_VERSION.sndAuthKey) {
    let basicAuth: string | undefined;
    if (r.peek() === 0x41 /* A */) {
      r.byte();
      basicAuth = readBasicAuth(r);
    }
    return { rcvAuthKey, rcvDhKey, basicAuth, subscribe: readSubscribeMode(r) };
  }
  const basicAuth = r.maybe(readBasicAuth);
  const subscribe = readSubscribeMode(r);
  if (v < SMP_VERSION.shortLinks) {
    const queueRequest: QueueRequest = { mode: r.bool() ? 'messaging' : 'contact' };
    return { rcvAuthKey, rcvDhKey, basicAuth, subscribe, queueRequest };
  }
  const queueRequest = r.maybe(readQueueRequest);
  const ntfCreds =
    v >= SMP_VERSION.newNtfCreds
      ? r.maybe((r2) => ({ notifierKey: readAuthKey(r2), rcvNtfDhKey: readDhKey(r2) }))
      : undefined;
  return { rcvAuthKey, rcvDhKey, basicAuth, subscribe, queueRequest, ntfCreds };
}

// ---- all commands ----

/** Command bytes (tag and parameters) at the negotiated version. */
export function encodeCommand(version: number, c: Command): Uint8Array {
  return encode((w) => {
    w.ascii(c.type);
    switch (c.type) {
      case 'NEW':
        writeNew(w, version, c);
        return;
      case 'KEY':
      case 'SKEY':
      case 'LKEY':
        writeAuthKey(w.space(), c.senderKey);
        return;
      case 'LSET':
        w.space().shortString(c.linkId);
        writeLinkData(w, c.data);
        return;
      case 'ACK':
        w.space().shortString(c.msgId);
        return;
      case 'SEND':
        w.space().bool(c.notification).space().bytes(c.body);
        return;
      default:
        return;
    }
  });
}

/** MsgFlags: the notification Bool, then reserved flag bytes up to the next space (ignored). */
function readMsgFlags(r: Reader): boolean {
  const notification = r.bool();
  r.asciiWord();
  return notification;
}

function readParams(tag: CommandTag, r: Reader, v: number): Command {
  switch (tag) {
    case 'NEW':
      return { type: tag, ...readNew(r, v) };
    case 'KEY':
    case 'SKEY':
    case 'LKEY':
      r.space();
      return { type: tag, senderKey: readAuthKey(r) };
    case 'LSET':
      r.space();
      return { type: tag, linkId: r.shortString().slice(), data: readLinkData(r) };
    case 'ACK':
      r.space();
      return { type: tag, msgId: r.shortString().slice() };
    case 'SEND': {
      r.space();
      const notification = readMsgFlags(r);
      r.space();
      return { type: tag, notification, body: r.tail().slice() };
    }
    default:
      return { type: tag };
  }
}

const COMMAND_TAGS: readonly string[] = [
  'NEW',
  'SUB',
  'KEY',
  'SKEY',
  'LKEY',
  'LSET',
  'LDEL',
  'GET',
  'ACK',
  'OFF',
  'DEL',
  'QUE',
  'SEND',
  'PING',
  'LGET',
] satisfies readonly CommandTag[];

/**
 * Parses command bytes. Unknown and unsupported tags are results; bad parameters (or any
 * trailing byte) of a known tag throw DecodeError.
 */
export function decodeCommand(version: number, bytes: Uint8Array): Parsed<Command> {
  const { tag, params } = splitTag(bytes);
  if ((UNSUPPORTED_COMMAND_TAGS as readonly string[]).includes(tag)) {
    return notParsed('UNSUPPORTED', tag);
  }
  if (!COMMAND_TAGS.includes(tag)) return notParsed('UNKNOWN', tag);
  const command = readParams(tag as CommandTag, params, version);
  params.end(tag);
  return parsed(command);
}
