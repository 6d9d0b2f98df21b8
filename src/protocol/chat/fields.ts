// Zod building blocks for chat JSON. Each schema is a codec: `parse` turns wire JSON into our
// values (binary ids as bytes, optional fields as absent keys) and `z.encode` turns them back.
import { z } from 'zod';
import { base64url, base64urlNoPad, fromBase64url } from '../encoding/base64';
import { DecodeError, EncodeError } from '../encoding/errors';
import { decodeSpki, encodeSpki } from '../crypto/keys';
import { isJsonObject, type JsonObject, type JsonValue } from './json';

const bytesValue = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');

/**
 * A byte string in the simplexmq text form: base64url, padded when we write it. Reading accepts
 * it with or without padding but only in canonical form, and never empty (upstream cannot read
 * an empty one). Lengths are not checked: tests use short placeholder ids.
 */
export const base64Bytes = z.codec(z.string(), bytesValue, {
  decode: (s, ctx) => {
    try {
      const bytes = fromBase64url(s);
      if (bytes.length === 0) throw new DecodeError('empty byte string');
      if (base64urlNoPad(bytes) !== s.replace(/=+$/, '')) {
        throw new DecodeError('non-canonical base64url');
      }
      return bytes;
    } catch (e) {
      ctx.issues.push({ code: 'custom', message: messageOf(e), input: s });
      return z.NEVER;
    }
  },
  encode: (bytes) => base64url(bytes),
});

/** An Ed25519 public key: X.509 SubjectPublicKeyInfo in base64url on the wire, raw 32 bytes here. */
export const ed25519PublicKey = z.codec(base64Bytes, bytesValue, {
  decode: (spki, ctx) => {
    try {
      return decodeSpki('ed25519', spki);
    } catch (e) {
      ctx.issues.push({ code: 'custom', message: messageOf(e), input: spki });
      return z.NEVER;
    }
  },
  encode: (raw) => encodeSpki('ed25519', raw),
});

/** A raw Ed25519 signature, base64url on the wire. */
export const ed25519Signature = base64Bytes.refine((b) => b.length === 64, {
  message: 'Ed25519 signature must be 64 bytes',
});

/** Absent or `null` on the wire means absent; absent values are omitted when encoding. */
export function optional<T extends z.ZodType>(inner: T) {
  return z.codec(inner.nullish(), z.custom<z.output<T>>().optional(), {
    decode: (v) => v ?? undefined,
    encode: (v) => v,
  });
}

/** An optional `true`: false and absent are the same and are not written. */
export const trueFlag = z.codec(z.boolean().nullish(), z.boolean().optional(), {
  decode: (v) => (v === true ? true : undefined),
  encode: (v) => (v === true ? true : undefined),
});

/** Like `trueFlag`, but any value other than `true` reads as absent (upstream's leniency). */
export const lenientTrueFlag = z.codec(z.unknown().optional(), z.boolean().optional(), {
  decode: (v) => (v === true ? true : undefined),
  encode: (v) => (v === true ? true : undefined),
});

/** ISO-8601 UTC timestamps, kept as text so nanosecond precision survives a round trip. */
export const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?:Z|[+-]\d{2}:?\d{2})$/,
    'expected an ISO-8601 timestamp',
  );

/** Whole numbers (JSON integers within the safe range). */
export const int = z.number().int();

/** A full connection link (`simplex:/invitation#/?v=…`); the agent layer parses it. */
export const connLink = z.string().min(1, 'empty connection link');

/** A short link (`https://simplex.chat/c#…` and the like); the agent layer parses it. */
export const shortLink = z.string().min(1, 'empty short link');

/** A known value or, verbatim, one from a newer client. */
export type Open<T extends string> = T | (string & {});

/** A string enum whose unknown values are kept rather than rejected. */
export function openEnum<T extends string>(what: string) {
  return z.custom<Open<T>>((v) => typeof v === 'string', `expected ${what}`);
}

/** A JSON object kept verbatim: sub-documents this layer does not interpret. */
export const jsonObject = z.custom<JsonObject>(isJsonObject, 'expected a JSON object');

/** Any JSON value kept verbatim. */
export const jsonValue = z.custom<JsonValue>((v) => v !== undefined, 'expected a JSON value');

/** A tagged object (`type`) whose tag we do not know, kept as the peer sent it. */
export interface UnknownTagged {
  type: 'unknown';
  /** The peer's `type`. */
  tag: string;
  json: JsonObject;
}

/**
 * Objects tagged by `type`: known tags go through `known`, unknown tags are kept verbatim by
 * `toUnknown` and written back as they came. When `lenient`, a known tag that does not parse is
 * kept as unknown too (upstream does this for reactions and link content, not message content).
 */
export function taggedWithUnknown<T extends z.ZodType<{ type: string }>, U extends UnknownTagged>(
  known: T,
  knownTags: readonly string[],
  toUnknown: (tag: string, json: JsonObject) => U,
  lenient = false,
) {
  const tags = new Set(knownTags);
  return z.codec(jsonObject, z.custom<z.output<T> | U>(), {
    decode: (json, ctx) => {
      const tag = json.type;
      if (typeof tag !== 'string') {
        ctx.issues.push({ code: 'custom', message: 'missing "type"', input: json, path: ['type'] });
        return z.NEVER;
      }
      if (!tags.has(tag)) return toUnknown(tag, json);
      const result = known.safeParse(json);
      if (result.success) return result.data;
      if (lenient) return toUnknown(tag, json);
      for (const { path, message } of result.error.issues) {
        ctx.issues.push({ code: 'custom', path, message, input: json });
      }
      return z.NEVER;
    },
    encode: (value) =>
      isUnknownTagged(value) ? value.json : (z.encode(known, value) as JsonObject),
  });
}

function isUnknownTagged(v: { type: string }): v is UnknownTagged {
  return v.type === 'unknown' && 'json' in v;
}

/** Parses wire JSON with a schema; a mismatch is a DecodeError naming the first problems. */
export function decodeWith<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new DecodeError(`${what}: ${describeIssues(result.error)}`);
  return result.data;
}

/** Turns a value back into wire JSON; a value the schema rejects is an EncodeError. */
export function encodeWith<T extends z.ZodType>(
  schema: T,
  value: z.output<T>,
  what: string,
): JsonValue {
  try {
    return z.encode(schema, value) as JsonValue;
  } catch (e) {
    const detail = e instanceof z.ZodError ? describeIssues(e) : messageOf(e);
    throw new EncodeError(`${what}: ${detail}`);
  }
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => {
    const path = i.path.map(String).join('.');
    return path ? `${path}: ${i.message}` : i.message;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
