// Decoding a whole agent message body, whatever its form, into its elements. The first byte
// picks the form: 'X' compressed container (each item again a body), '[' JSON batch, '=' binary
// batch, otherwise one element ('{', '/', '>', 'F'). One bad message in a batch does not cost
// the others: each yields its own result, as upstream does.
import { DecodeError } from '../encoding/errors';
import { COMPRESSED_PREFIX, decompressChatBody } from './compression';
import { decodeChatElement, ELEMENT, splitBinaryBatch, type ChatElement } from './elements';
import { parseJsonBytes, type JsonValue } from './json';
import { decodeChatMessageJson } from './message';

export type ChatBodyItem = { ok: true; element: ChatElement } | { ok: false; error: DecodeError };

const JSON_BATCH = 0x5b; // '['

/**
 * The elements of a body, in order. Never throws for bad input: a body that cannot be framed
 * at all gives a single failed item.
 */
export function decodeChatBody(body: Uint8Array): ChatBodyItem[] {
  if (body[0] !== COMPRESSED_PREFIX) return decodeUncompressed(body);
  let bodies: Uint8Array[];
  try {
    bodies = decompressChatBody(body);
  } catch (e) {
    return [failure(e)];
  }
  return bodies.flatMap(decodeUncompressed);
}

function decodeUncompressed(body: Uint8Array): ChatBodyItem[] {
  try {
    switch (body[0]) {
      case undefined:
        throw new DecodeError('empty body');
      case JSON_BATCH:
        return jsonBatch(body).map((json) =>
          item(() => ({ kind: 'message', message: decodeChatMessageJson(json) })),
        );
      case ELEMENT.binaryBatch:
        return splitBinaryBatch(body).map((e) => item(() => decodeChatElement(e)));
      default:
        return [item(() => decodeChatElement(body))];
    }
  } catch (e) {
    return [failure(e)];
  }
}

function jsonBatch(body: Uint8Array): JsonValue[] {
  const items = parseJsonBytes(body, 'JSON batch');
  if (!Array.isArray(items)) throw new DecodeError('JSON batch: expected an array');
  return items;
}

function item(decode: () => ChatElement): ChatBodyItem {
  try {
    return { ok: true, element: decode() };
  } catch (e) {
    return failure(e);
  }
}

/** A DecodeError becomes a failed item; any other exception is a bug and propagates. */
function failure(e: unknown): { ok: false; error: DecodeError } {
  if (e instanceof DecodeError) return { ok: false, error: e };
  throw e;
}
