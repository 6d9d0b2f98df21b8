// The compressed container: 'X', a count byte (at least 1), then items, each '0' + 1-byte length
// + raw bytes (passthrough) or '1' + Word16 length + one zstd frame (level 3). Each item, once
// decompressed, is a body of its own. Output is capped: a frame must declare its content size,
// and declared sizes may not add up past the cap; decompression then writes into a buffer of
// exactly the declared size, so a frame that lies cannot produce more.
import zstd from 'zstd-napi/binding';
import { Reader, Writer } from '../encoding/codec';
import { DecodeError, EncodeError } from '../encoding/errors';
import { MAX_DECOMPRESSED_MSG_LENGTH, MAX_PASSTHROUGH_LENGTH } from './limits';

export const COMPRESSED_PREFIX = 0x58; // 'X'
const PASSTHROUGH = 0x30; // '0'
const COMPRESSED = 0x31; // '1'
const COMPRESSION_LEVEL = 3;

/** Wraps one body in the container, compressing it unless it is short. */
export function compressChatBody(body: Uint8Array): Uint8Array {
  const w = new Writer().byte(COMPRESSED_PREFIX).byte(1);
  if (body.length < MAX_PASSTHROUGH_LENGTH) return w.byte(PASSTHROUGH).shortString(body).finish();
  return w.byte(COMPRESSED).large(zstdCompress(body)).finish();
}

/** One zstd frame (level 3) that declares its content size. */
export function zstdCompress(bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(zstd.compressBound(bytes.length));
  try {
    return frame.subarray(0, zstd.compress(frame, bytes, COMPRESSION_LEVEL));
  } catch (e) {
    throw new EncodeError(`zstd: ${e instanceof Error ? e.message : 'compression failed'}`);
  }
}

/** Decompresses one zstd frame that declares a size of at most `maxLength`. */
export function zstdDecompress(frame: Uint8Array, maxLength: number): Uint8Array {
  const size = declaredSize(frame);
  if (size > maxLength) throw overLimit(maxLength);
  return inflate(frame, size);
}

/** The bodies inside a container (which starts with 'X'). */
export function decompressChatBody(
  container: Uint8Array,
  maxLength: number = MAX_DECOMPRESSED_MSG_LENGTH,
): Uint8Array[] {
  const r = new Reader(container);
  r.expectByte(COMPRESSED_PREFIX, 'compressed body');
  const items = r.nonEmpty(readItem);
  r.end('compressed body');
  let total = 0;
  for (const item of items) {
    total += item.kind === 'raw' ? item.bytes.length : item.size;
    if (total > maxLength) throw overLimit(maxLength);
  }
  return items.map((item) => (item.kind === 'raw' ? item.bytes : inflate(item.frame, item.size)));
}

type Item = { kind: 'raw'; bytes: Uint8Array } | { kind: 'zstd'; frame: Uint8Array; size: number };

function readItem(r: Reader): Item {
  const tag = r.byte();
  if (tag === PASSTHROUGH) return { kind: 'raw', bytes: r.shortString() };
  if (tag !== COMPRESSED)
    throw new DecodeError(`unknown compressed item tag 0x${tag.toString(16)}`);
  const frame = r.large();
  return { kind: 'zstd', frame, size: declaredSize(frame) };
}

function overLimit(maxLength: number): DecodeError {
  return new DecodeError(`decompressed size exceeds the limit of ${maxLength} bytes`);
}

function declaredSize(frame: Uint8Array): number {
  let size: number | null;
  try {
    size = zstd.getFrameContentSize(frame);
  } catch {
    throw new DecodeError('invalid zstd frame header');
  }
  if (size === null) throw new DecodeError('zstd frame does not declare its size');
  return size;
}

function inflate(frame: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let written: number;
  try {
    written = zstd.decompress(out, frame);
  } catch (e) {
    throw new DecodeError(`zstd: ${e instanceof Error ? e.message : 'decompression failed'}`);
  }
  if (written !== size) throw new DecodeError('zstd frame is shorter than it declares');
  return out;
}
