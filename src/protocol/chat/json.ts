// JSON values as they travel: parsed from strict UTF-8, written back without whitespace.
import { fromUtf8, utf8 } from '../encoding/bytes';
import { DecodeError, EncodeError } from '../encoding/errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON bytes; invalid UTF-8, invalid JSON and runaway nesting are all DecodeErrors. */
export function parseJsonBytes(bytes: Uint8Array, what = 'JSON'): JsonValue {
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    throw new DecodeError(`${what}: invalid UTF-8`);
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    // SyntaxError for bad JSON, RangeError when nesting exhausts the stack.
    throw new DecodeError(`${what}: ${e instanceof Error ? e.message : 'invalid JSON'}`);
  }
}

/** Compact JSON bytes (the spec requires no whitespace). */
export function jsonBytes(value: JsonValue, what = 'JSON'): Uint8Array {
  try {
    return utf8(JSON.stringify(value));
  } catch (e) {
    throw new EncodeError(`${what}: ${e instanceof Error ? e.message : 'cannot encode'}`);
  }
}
