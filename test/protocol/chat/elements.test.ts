import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  EncodeError,
  Writer,
  concatBytes,
  toHex,
  utf8,
} from '../../../src/protocol/encoding';
import {
  decodeChatElement,
  encodeBinaryBatch,
  encodeChatElement,
  encodeChatMessage,
  encodeFileChunk,
  encodeForwardElement,
  encodeSignedElement,
  splitBinaryBatch,
  type ChatMessage,
  type ForwardHeader,
  type SignedChatBody,
} from '../../../src/protocol/chat';

const leave: ChatMessage = { version: { min: 1, max: 17 }, event: 'x.grp.leave', params: {} };
const body = encodeChatMessage(leave);
const sig = (fill: number) => new Uint8Array(64).fill(fill);
const signed: SignedChatBody = {
  binding: 'G',
  signatures: [{ keyRef: 'M', signature: sig(1) }],
  body,
};
const member: ForwardHeader = {
  sender: { kind: 'member', memberId: Uint8Array.of(1, 2, 3, 4), memberName: 'Алиса' },
  brokerTs: 1_700_000_000,
};

describe('signed elements', () => {
  it('are "/", binding, count, (key ref, length, signature)*, then the exact body', () => {
    const bytes = encodeSignedElement(signed);
    expect(toHex(bytes.subarray(0, 5))).toBe('2f47014d40');
    expect(bytes.subarray(69)).toEqual(body);
    expect(decodeChatElement(bytes)).toEqual({ kind: 'message', signed, message: leave });
  });

  it('keep several signatures', () => {
    const two = {
      ...signed,
      signatures: [signed.signatures[0]!, { keyRef: 'M' as const, signature: sig(2) }],
    };
    expect(decodeChatElement(encodeSignedElement(two))).toMatchObject({ signed: two });
  });

  it.each([
    ['an unknown binding', Uint8Array.of(0x2f, 0x5a, 1)],
    ['no signatures', concatBytes(Uint8Array.of(0x2f, 0x47, 0), body)],
    ['an unknown key reference', concatBytes(Uint8Array.of(0x2f, 0x47, 1, 0x4b, 64), sig(1), body)],
    [
      'a short signature',
      concatBytes(Uint8Array.of(0x2f, 0x47, 1, 0x4d, 63), sig(1).subarray(1), body),
    ],
    ['a truncated signature', Uint8Array.of(0x2f, 0x47, 1, 0x4d, 64, 1, 2)],
    [
      'a body that is not a message',
      concatBytes(Uint8Array.of(0x2f, 0x47, 1, 0x4d, 64), sig(1), utf8('[]')),
    ],
  ])('reject %s', (_, bytes) => {
    expect(() => decodeChatElement(bytes)).toThrow(DecodeError);
  });

  it('cannot be built from a body that is not a JSON message, or without signatures', () => {
    expect(() => encodeSignedElement({ ...signed, body: utf8('x') })).toThrow(EncodeError);
    expect(() => encodeSignedElement({ ...signed, signatures: [] })).toThrow(EncodeError);
    expect(() =>
      encodeSignedElement({
        ...signed,
        signatures: [{ keyRef: 'M', signature: sig(1).subarray(1) }],
      }),
    ).toThrow(EncodeError);
  });
});

describe('forward elements', () => {
  it('carry the author member id and name, and the broker time in seconds', () => {
    const bytes = encodeForwardElement(member, body);
    const name = utf8('Алиса');
    const expected = new Writer()
      .ascii('>M')
      .shortString(Uint8Array.of(1, 2, 3, 4))
      .shortString(name)
      .int64(1_700_000_000)
      .bytes(body)
      .finish();
    expect(bytes).toEqual(expected);
    expect(decodeChatElement(bytes)).toEqual({ kind: 'message', forward: member, message: leave });
  });

  it('may be sent as the channel, with no author', () => {
    const channel: ForwardHeader = { sender: { kind: 'channel' }, brokerTs: 0 };
    const bytes = encodeForwardElement(channel, encodeSignedElement(signed));
    expect(toHex(bytes.subarray(0, 10))).toBe('3e430000000000000000');
    expect(decodeChatElement(bytes)).toEqual({
      kind: 'message',
      forward: channel,
      signed,
      message: leave,
    });
  });

  it('re-encode to the same bytes, signature and all', () => {
    for (const bytes of [
      encodeForwardElement(member, encodeSignedElement(signed)),
      encodeForwardElement(member, body),
      encodeSignedElement(signed),
      body,
    ]) {
      expect(encodeChatElement(decodeChatElement(bytes))).toEqual(bytes);
    }
  });

  it('may not wrap a forward', () => {
    const channelHeader = Uint8Array.of(0x3e, 0x43, 0, 0, 0, 0, 0, 0, 0, 0);
    const nested = concatBytes(channelHeader, encodeForwardElement(member, body));
    expect(() => decodeChatElement(nested)).toThrow(/forward element inside a forward element/);
    expect(() => encodeForwardElement(member, Uint8Array.of(0x3e))).toThrow(EncodeError);
  });

  it.each([
    ['an unknown sender tag', Uint8Array.of(0x3e, 0x58)],
    ['a truncated timestamp', Uint8Array.of(0x3e, 0x43, 0, 0)],
    [
      'a timestamp beyond safe integers',
      concatBytes(Uint8Array.of(0x3e, 0x43, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), body),
    ],
    [
      'a member name that is not UTF-8',
      concatBytes(Uint8Array.of(0x3e, 0x4d, 1, 1, 1, 0xff), new Uint8Array(8), body),
    ],
    ['nothing inside', Uint8Array.of(0x3e, 0x43, 0, 0, 0, 0, 0, 0, 0, 0)],
  ])('reject %s', (_, bytes) => {
    expect(() => decodeChatElement(bytes)).toThrow(DecodeError);
  });

  it('need whole seconds', () => {
    expect(() => encodeForwardElement({ ...member, brokerTs: 1.5 }, body)).toThrow(EncodeError);
  });
});

describe('legacy file chunks', () => {
  const sharedMsgId = Uint8Array.of(9, 9);

  it('decode chunks and cancellations', () => {
    const chunk = concatBytes(Uint8Array.of(0x46, 0, 2, 9, 9, 3), utf8('data'));
    expect(decodeChatElement(chunk)).toEqual({
      kind: 'fileChunk',
      file: { sharedMsgId, chunk: { kind: 'chunk', chunkNo: 3, bytes: utf8('data') } },
    });
    const cancel = Uint8Array.of(0x46, 1, 7, 2, 9, 9, 0);
    expect(decodeChatElement(cancel)).toEqual({
      kind: 'fileChunk',
      file: { msgId: Uint8Array.of(7), sharedMsgId, chunk: { kind: 'cancel' } },
    });
    for (const bytes of [chunk, cancel])
      expect(encodeChatElement(decodeChatElement(bytes))).toEqual(bytes);
  });

  it('reject a cancellation with trailing bytes and chunk numbers out of range', () => {
    expect(() => decodeChatElement(Uint8Array.of(0x46, 0, 2, 9, 9, 0, 1))).toThrow(DecodeError);
    expect(() => decodeChatElement(Uint8Array.of(0x46, 0, 2, 9))).toThrow(DecodeError);
    const file = { sharedMsgId, chunk: { kind: 'chunk' as const, chunkNo: 256, bytes: utf8('x') } };
    expect(() => encodeFileChunk(file)).toThrow(EncodeError);
  });
});

describe('binary batches', () => {
  it('frame 1..255 elements with Word16 lengths', () => {
    const elements = [body, encodeSignedElement(signed)];
    const batch = encodeBinaryBatch(elements);
    expect(toHex(batch.subarray(0, 4))).toBe(`3d02${body.length.toString(16).padStart(4, '0')}`);
    expect(splitBinaryBatch(batch)).toEqual(elements);
    const full = Array.from({ length: 255 }, () => Uint8Array.of(0x7b));
    expect(splitBinaryBatch(encodeBinaryBatch(full))).toHaveLength(255);
  });

  it('refuse empty and over-long batches', () => {
    expect(() => encodeBinaryBatch([])).toThrow(EncodeError);
    expect(() => encodeBinaryBatch(Array.from({ length: 256 }, () => body))).toThrow(EncodeError);
    expect(() => encodeBinaryBatch([new Uint8Array(65_536)])).toThrow(EncodeError);
  });

  it.each([
    ['no elements', Uint8Array.of(0x3d, 0)],
    ['a truncated element', Uint8Array.of(0x3d, 1, 0, 5, 0x7b)],
    ['trailing bytes', Uint8Array.of(0x3d, 1, 0, 1, 0x7b, 0)],
    ['fewer elements than counted', Uint8Array.of(0x3d, 2, 0, 1, 0x7b)],
  ])('reject %s', (_, bytes) => {
    expect(() => splitBinaryBatch(bytes)).toThrow(DecodeError);
  });
});

describe('elements', () => {
  it('reject an empty element and unknown prefixes', () => {
    expect(() => decodeChatElement(new Uint8Array(0))).toThrow(/empty element/);
    expect(() => decodeChatElement(utf8('X'))).toThrow(/invalid element prefix 0x58/);
  });
});
