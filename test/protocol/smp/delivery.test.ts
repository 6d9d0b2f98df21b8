import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError, cryptoReady, pad, boxSeal } from '../../../src/protocol/crypto';
import {
  DecodeError,
  EncodeError,
  concatBytes,
  latin1,
  toHex,
} from '../../../src/protocol/encoding';
import {
  MAX_DELIVERED_BODY,
  RCV_MESSAGE_PADDED_SIZE,
  decodeReceivedMessage,
  decryptReceivedMessage,
  encodeReceivedMessage,
  encryptReceivedMessage,
  maxMessageLength,
  type ReceivedMessage,
} from '../../../src/protocol/smp';

beforeAll(cryptoReady);

const bytes = (n: number, from = 1) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const secret = bytes(32, 5);
const msgId = bytes(24, 40);

describe('delivered message bodies', () => {
  it('timestamp, flags, space, body', () => {
    const m: ReceivedMessage = {
      type: 'message',
      timestamp: 1700000000,
      notification: true,
      body: latin1('hi'),
    };
    expect(toHex(encodeReceivedMessage(m))).toBe('000000006553f100' + '54' + '20' + '6869');
    expect(decodeReceivedMessage(encodeReceivedMessage(m))).toEqual(m);
  });

  it('the quota marker', () => {
    const q: ReceivedMessage = { type: 'quota', timestamp: 1700000000 };
    expect(toHex(encodeReceivedMessage(q))).toBe(toHex(latin1('QUOTA ')) + '000000006553f100');
    expect(decodeReceivedMessage(encodeReceivedMessage(q))).toEqual(q);
  });

  it('ignores reserved flag bytes', () => {
    const plain = concatBytes(bytes(8, 0), latin1('Fabcdefg body'));
    expect(decodeReceivedMessage(plain)).toMatchObject({
      type: 'message',
      notification: false,
      body: latin1('body'),
    });
  });

  it.each([
    ['truncated timestamp', bytes(5)],
    ['bad flag', concatBytes(new Uint8Array(8), latin1('X x'))],
    ['no space', concatBytes(new Uint8Array(8), latin1('T'))],
    ['quota with trailing bytes', concatBytes(latin1('QUOTA '), new Uint8Array(9))],
    ['quota truncated', concatBytes(latin1('QUOTA '), new Uint8Array(7))],
    [
      'timestamp beyond 2^53',
      concatBytes(Uint8Array.of(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), latin1('T x')),
    ],
  ])('%s is a DecodeError', (_name, plain) => {
    expect(() => decodeReceivedMessage(plain)).toThrow(DecodeError);
  });

  it('encrypts to the fixed size, with the msgId as nonce', () => {
    const small = encryptReceivedMessage(secret, msgId, {
      type: 'message',
      timestamp: 1,
      notification: false,
      body: latin1('x'),
    });
    const large = encryptReceivedMessage(secret, msgId, {
      type: 'message',
      timestamp: 1,
      notification: false,
      body: bytes(MAX_DELIVERED_BODY),
    });
    expect(small.length).toBe(RCV_MESSAGE_PADDED_SIZE + 16);
    expect(large.length).toBe(16122);
    expect(decryptReceivedMessage(secret, msgId, large)).toMatchObject({
      body: bytes(MAX_DELIVERED_BODY),
    });
    // It is the SimpleX box over the padded plain text, nonce = msgId.
    const plain = encodeReceivedMessage({ type: 'quota', timestamp: 9 });
    expect(encryptReceivedMessage(secret, msgId, { type: 'quota', timestamp: 9 })).toEqual(
      boxSeal(secret, msgId, pad(plain, RCV_MESSAGE_PADDED_SIZE)),
    );
  });

  it('refuses bodies larger than any version allows', () => {
    expect(maxMessageLength(10)).toBeLessThan(MAX_DELIVERED_BODY);
    expect(() =>
      encodeReceivedMessage({
        type: 'message',
        timestamp: 1,
        notification: false,
        body: bytes(MAX_DELIVERED_BODY + 1),
      }),
    ).toThrow(EncodeError);
  });

  it('a wrong key or msgId fails to authenticate', () => {
    const enc = encryptReceivedMessage(secret, msgId, { type: 'quota', timestamp: 1 });
    expect(() => decryptReceivedMessage(bytes(32, 6), msgId, enc)).toThrow(CryptoError);
    expect(() => decryptReceivedMessage(secret, bytes(24, 41), enc)).toThrow(CryptoError);
  });

  it('a valid box around a bad padding is a DecodeError', () => {
    const padded = pad(latin1('x'), RCV_MESSAGE_PADDED_SIZE);
    padded[0] = 0xff;
    expect(() => decryptReceivedMessage(secret, msgId, boxSeal(secret, msgId, padded))).toThrow(
      DecodeError,
    );
  });
});

describe('message size limits', () => {
  it('depend on the version', () => {
    expect(maxMessageLength(6)).toBe(16088);
    expect(maxMessageLength(7)).toBe(16088);
    expect(maxMessageLength(8)).toBe(16064);
    expect(maxMessageLength(10)).toBe(16064);
    expect(maxMessageLength(11)).toBe(16048);
    expect(maxMessageLength(18)).toBe(16048);
  });
});
