/**
 * What command and response parsers share: the ASCII tag up to the first space, and the result
 * type that separates a parsed message from an unknown or unsupported tag. Malformed parameters
 * of a known tag are a DecodeError (the server answers ERR CMD SYNTAX).
 */
import { fromLatin1 } from '../encoding/bytes';
import { Reader } from '../encoding/codec';

const SPACE = 0x20;

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  /**
   * UNKNOWN: no such tag (the server answers ERR CMD UNKNOWN). UNSUPPORTED: a real SMP tag that
   * this implementation does not speak (notifications, private routing, services, RKEY).
   */
  | { readonly ok: false; readonly error: 'UNKNOWN' | 'UNSUPPORTED'; readonly tag: string };

/** Splits `TAG[ params]` into the tag and a reader positioned at the optional space. */
export function splitTag(bytes: Uint8Array): { tag: string; params: Reader } {
  const space = bytes.indexOf(SPACE);
  const end = space < 0 ? bytes.length : space;
  return { tag: fromLatin1(bytes.subarray(0, end)), params: new Reader(bytes.subarray(end)) };
}

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function notParsed<T>(error: 'UNKNOWN' | 'UNSUPPORTED', tag: string): Parsed<T> {
  return { ok: false, error, tag };
}
