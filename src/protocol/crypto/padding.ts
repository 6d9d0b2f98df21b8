import { CryptoError } from './errors';

const FILL = 0x23; // '#'

/** SimpleX padding: Word16 big-endian length, the message, then '#' up to `paddedLength`. */
export function pad(msg: Uint8Array, paddedLength: number): Uint8Array {
  if (msg.length > 0xffff || msg.length + 2 > paddedLength) {
    throw new CryptoError(
      'LARGE_MSG',
      `message of ${msg.length} bytes does not fit ${paddedLength}`,
    );
  }
  // One allocation, and each byte written once (blocks are 16 KB, mostly message).
  const out = new Uint8Array(paddedLength);
  out[0] = msg.length >>> 8;
  out[1] = msg.length & 0xff;
  out.set(msg, 2);
  out.fill(FILL, 2 + msg.length);
  return out;
}

export function unpad(padded: Uint8Array): Uint8Array {
  if (padded.length < 2) throw new CryptoError('INVALID_MSG', 'padded message too short');
  const len = (padded[0]! << 8) | padded[1]!;
  if (len + 2 > padded.length) throw new CryptoError('INVALID_MSG', 'padded length out of range');
  return padded.subarray(2, 2 + len);
}
