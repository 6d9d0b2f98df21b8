import { DecodeError } from './errors';

// SimpleX uses base64url WITH '=' padding for byte strings in URIs and JSON ("strEncode"),
// unpadded base64url in short links, and standard base64 in a few places (data: URIs, member
// names). Decoders are strict about the alphabet so that bad input is a DecodeError.

const URL_RE = /^[A-Za-z0-9_-]*={0,2}$/;
const STD_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function checkLength(s: string, padded: boolean): void {
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1) throw new DecodeError('invalid base64 length');
  if (padded && s.length % 4 !== 0) throw new DecodeError('base64 padding missing');
}

/** base64url with '=' padding (simplexmq strEncode of ByteString). */
export function base64url(b: Uint8Array): string {
  return asBuffer(b).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Unpadded base64url (short links). */
export function base64urlNoPad(b: Uint8Array): string {
  return asBuffer(b).toString('base64url');
}

/** Decodes base64url, padded or not. */
export function fromBase64url(s: string, opts: { requirePadding?: boolean } = {}): Uint8Array {
  if (!URL_RE.test(s)) throw new DecodeError('invalid base64url');
  checkLength(s, opts.requirePadding ?? false);
  return new Uint8Array(Buffer.from(s, 'base64url'));
}

export function base64(b: Uint8Array): string {
  return asBuffer(b).toString('base64');
}

export function fromBase64(s: string): Uint8Array {
  if (!STD_RE.test(s)) throw new DecodeError('invalid base64');
  checkLength(s, false);
  return new Uint8Array(Buffer.from(s, 'base64'));
}
