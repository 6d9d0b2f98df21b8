/**
 * The error carried by `ERR` (simplexmq ErrorType) and the error types nested in it: command,
 * proxy, broker, network, transport and handshake errors, and the blocking info of `BLOCKED`.
 * All are ASCII words separated by single spaces; `STORE` and `BLOCKED` end with free text.
 * Version downgrades of `BLOCKED` happen where responses are encoded (responses.ts).
 */
import { z } from 'zod';
import { fromLatin1, fromUtf8, latin1, utf8 } from '../encoding/bytes';
import { decodeAll, encode, type Reader, type Writer } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';

export const COMMAND_ERROR_CODES = [
  'UNKNOWN',
  'SYNTAX',
  'PROHIBITED',
  'NO_AUTH',
  'HAS_AUTH',
  'NO_ENTITY',
] as const;
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];

export const HANDSHAKE_ERROR_CODES = ['PARSE', 'IDENTITY', 'BAD_AUTH', 'BAD_SERVICE'] as const;
export type HandshakeErrorCode = (typeof HANDSHAKE_ERROR_CODES)[number];

export type TransportError =
  | { readonly type: 'BLOCK' | 'VERSION' | 'LARGE_MSG' | 'SESSION' | 'NO_AUTH' }
  | { readonly type: 'HANDSHAKE'; readonly handshakeErr: HandshakeErrorCode };

export type NetworkError =
  | { readonly type: 'CONNECT' | 'TLS' | 'SUBSCRIBE'; readonly message: string }
  | { readonly type: 'UNKNOWNCA' | 'FAILED' | 'TIMEOUT' };

export type BrokerError =
  | { readonly type: 'RESPONSE' | 'UNEXPECTED'; readonly message: string }
  | { readonly type: 'TRANSPORT'; readonly transportErr: TransportError }
  | { readonly type: 'NETWORK'; readonly networkErr: NetworkError }
  | { readonly type: 'TIMEOUT' | 'HOST' | 'NO_SERVICE' };

export type ProxyError =
  | { readonly type: 'PROTOCOL'; readonly protocolErr: SmpError }
  | { readonly type: 'BROKER'; readonly brokerErr: BrokerError }
  | { readonly type: 'BASIC_AUTH' | 'NO_SESSION' };

const clientNoticeSchema = z.object({ ttl: z.number().int().nullish() });

/** Shown to the user of a blocked queue (v18+); ttl in seconds, absent = indefinite. */
export interface ClientNotice {
  readonly ttl?: number | undefined;
}

export interface BlockingInfo {
  readonly reason: 'spam' | 'content';
  readonly notice?: ClientNotice | undefined;
}

export type SmpError =
  | {
      readonly type:
        | 'BLOCK'
        | 'SESSION'
        | 'AUTH'
        | 'SERVICE'
        | 'CRYPTO'
        | 'QUOTA'
        | 'NO_MSG'
        | 'LARGE_MSG'
        | 'EXPIRED'
        | 'INTERNAL';
    }
  | { readonly type: 'CMD'; readonly cmdErr: CommandErrorCode }
  | { readonly type: 'PROXY'; readonly proxyErr: ProxyError }
  | { readonly type: 'BLOCKED'; readonly info: BlockingInfo }
  | { readonly type: 'STORE'; readonly message: string };

/** `ERR CMD <code>` as a value. */
export function cmdError(cmdErr: CommandErrorCode): SmpError {
  return { type: 'CMD', cmdErr };
}

// Haskell `String`s in these errors are Char8 byte strings inside a shortString.
function writeText(w: Writer, s: string): void {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw new EncodeError('error text must be latin-1');
  }
  w.shortString(latin1(s));
}

function readText(r: Reader): string {
  return fromLatin1(r.shortString());
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new DecodeError(`unknown ${what} '${value}'`);
}

// ---- transport and handshake errors ----

export function writeTransportError(w: Writer, e: TransportError): void {
  w.ascii(e.type);
  if (e.type === 'HANDSHAKE') w.space().ascii(e.handshakeErr);
}

export function readTransportError(r: Reader): TransportError {
  const tag = r.asciiWord();
  switch (tag) {
    case 'BLOCK':
    case 'VERSION':
    case 'LARGE_MSG':
    case 'SESSION':
    case 'NO_AUTH':
      return { type: tag };
    case 'HANDSHAKE':
      r.space();
      return {
        type: tag,
        handshakeErr: oneOf(r.asciiWord(), HANDSHAKE_ERROR_CODES, 'handshake error'),
      };
    default:
      throw new DecodeError(`unknown transport error '${tag}'`);
  }
}

// ---- network and broker errors (inside PROXY) ----

function readNetworkError(r: Reader): NetworkError {
  const tag = r.asciiWord();
  switch (tag) {
    case 'CONNECT':
    case 'TLS':
    case 'SUBSCRIBE':
      r.space();
      return { type: tag, message: readText(r) };
    case 'UNKNOWNCA':
    case 'FAILED':
    case 'TIMEOUT':
      return { type: tag };
    default:
      throw new DecodeError(`unknown network error '${tag}'`);
  }
}

function writeBrokerError(w: Writer, e: BrokerError): void {
  w.ascii(e.type);
  switch (e.type) {
    case 'RESPONSE':
    case 'UNEXPECTED':
      writeText(w.space(), e.message);
      return;
    case 'TRANSPORT':
      writeTransportError(w.space(), e.transportErr);
      return;
    default:
      // NETWORK is sent without its detail: upstream servers parse only the bare word so far.
      return;
  }
}

function readBrokerError(r: Reader): BrokerError {
  const tag = r.asciiWord();
  switch (tag) {
    case 'RESPONSE':
    case 'UNEXPECTED':
      r.space();
      return { type: tag, message: readText(r) };
    case 'TRANSPORT':
      r.space();
      return { type: tag, transportErr: readTransportError(r) };
    case 'NETWORK':
      if (r.atEnd()) return { type: tag, networkErr: { type: 'FAILED' } };
      r.space();
      return { type: tag, networkErr: readNetworkError(r) };
    case 'TIMEOUT':
    case 'HOST':
    case 'NO_SERVICE':
      return { type: tag };
    default:
      throw new DecodeError(`unknown broker error '${tag}'`);
  }
}

function writeProxyError(w: Writer, e: ProxyError): void {
  w.ascii(e.type);
  if (e.type === 'PROTOCOL') writeSmpError(w.space(), e.protocolErr);
  else if (e.type === 'BROKER') writeBrokerError(w.space(), e.brokerErr);
}

function readProxyError(r: Reader): ProxyError {
  const tag = r.asciiWord();
  switch (tag) {
    case 'PROTOCOL':
      r.space();
      return { type: tag, protocolErr: readSmpError(r) };
    case 'BROKER':
      r.space();
      return { type: tag, brokerErr: readBrokerError(r) };
    case 'BASIC_AUTH':
    case 'NO_SESSION':
      return { type: tag };
    default:
      throw new DecodeError(`unknown proxy error '${tag}'`);
  }
}

// ---- BLOCKED reason=<spam|content>[,notice=<json>] ----

const NOTICE_SEPARATOR = ',notice=';

function writeBlockingInfo(w: Writer, info: BlockingInfo): void {
  w.ascii(`reason=${info.reason}`);
  if (info.notice) {
    const json = info.notice.ttl === undefined ? {} : { ttl: info.notice.ttl };
    w.ascii(NOTICE_SEPARATOR).bytes(utf8(JSON.stringify(json)));
  }
}

function readBlockingInfo(r: Reader): BlockingInfo {
  // The text runs to the end of the transmission (the notice is JSON and may contain spaces).
  const text = r.tail();
  const m = /^reason=(spam|content)/.exec(fromLatin1(text.subarray(0, 14)));
  if (!m) throw new DecodeError('BLOCKED: bad reason');
  const reason = m[1] as 'spam' | 'content';
  const rest = text.subarray(m[0].length);
  if (rest.length === 0) return { reason };
  if (fromLatin1(rest.subarray(0, NOTICE_SEPARATOR.length)) !== NOTICE_SEPARATOR) {
    throw new DecodeError('BLOCKED: unexpected text after the reason');
  }
  return { reason, notice: parseNotice(rest.subarray(NOTICE_SEPARATOR.length)) };
}

function parseNotice(json: Uint8Array): ClientNotice {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(json));
  } catch {
    throw new DecodeError('BLOCKED: notice is not JSON');
  }
  const parsed = clientNoticeSchema.safeParse(value);
  if (!parsed.success) throw new DecodeError('BLOCKED: malformed notice');
  return parsed.data.ttl == null ? {} : { ttl: parsed.data.ttl };
}

// ---- the ErrorType of ERR ----

const SIMPLE_ERRORS = [
  'BLOCK',
  'SESSION',
  'AUTH',
  'SERVICE',
  'CRYPTO',
  'QUOTA',
  'NO_MSG',
  'LARGE_MSG',
  'EXPIRED',
  'INTERNAL',
] as const;

// Lenient like upstream (safeDecodeUtf8): a store error is a message for logs, not data.
const lenientUtf8 = new TextDecoder('utf-8');

export function writeSmpError(w: Writer, e: SmpError): void {
  w.ascii(e.type);
  switch (e.type) {
    case 'CMD':
      w.space().ascii(e.cmdErr);
      return;
    case 'PROXY':
      writeProxyError(w.space(), e.proxyErr);
      return;
    case 'BLOCKED':
      writeBlockingInfo(w.space(), e.info);
      return;
    case 'STORE':
      w.space().bytes(utf8(e.message));
      return;
    default:
      return;
  }
}

export function readSmpError(r: Reader): SmpError {
  const tag = r.asciiWord();
  switch (tag) {
    case 'CMD': {
      r.space();
      const code = r.asciiWord();
      // Servers before the rename sent NO_QUEUE.
      return cmdError(code === 'NO_QUEUE' ? 'NO_ENTITY' : oneOf(code, COMMAND_ERROR_CODES, 'CMD'));
    }
    case 'PROXY':
      r.space();
      return { type: tag, proxyErr: readProxyError(r) };
    case 'BLOCKED':
      r.space();
      return { type: tag, info: readBlockingInfo(r) };
    case 'STORE':
      r.space();
      return { type: tag, message: lenientUtf8.decode(r.tail()) };
    default:
      return { type: oneOf(tag, SIMPLE_ERRORS, 'error') };
  }
}

export function encodeSmpError(e: SmpError): Uint8Array {
  return encode((w) => writeSmpError(w, e));
}

export function decodeSmpError(bytes: Uint8Array): SmpError {
  return decodeAll(bytes, readSmpError, 'ERR');
}
