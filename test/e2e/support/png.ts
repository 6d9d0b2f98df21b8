// A small PNG encoder, so the avatar tests upload a real picture generated on the spot.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA picture whose pixel colours come from `colour(x, y)`. */
export function encodePng(
  width: number,
  height: number,
  colour: (x: number, y: number) => readonly [number, number, number, number],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    rows[row] = 0; // no filter
    for (let x = 0; x < width; x++) rows.set(colour(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A wide, busy picture (noise over a gradient), so that it must be cropped to a square and
 * compressed hard before it fits the avatar limit.
 */
export function samplePicture(width = 640, height = 400): Buffer {
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 64) - 32;
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return encodePng(width, height, (x, y) => [
    clamp((x / width) * 255 + noise()),
    clamp((y / height) * 200 + noise()),
    clamp(160 + noise()),
    255,
  ]);
}
