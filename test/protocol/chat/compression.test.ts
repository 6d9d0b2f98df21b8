import { describe, expect, it } from 'vitest';
import { compress } from 'zstd-napi';
import zstd from 'zstd-napi/binding';
import { DecodeError, Writer, concatBytes, utf8 } from '../../../src/protocol/encoding';
import {
  MAX_DECOMPRESSED_MSG_LENGTH,
  compressChatBody,
  decodeChatBody,
  decompressChatBody,
  encodeChatMessage,
  type ChatMessage,
} from '../../../src/protocol/chat';

const message = (text: string): ChatMessage => ({
  version: { min: 1, max: 17 },
  event: 'x.msg.new',
  params: { content: { type: 'text', text } },
});

/** A container of raw items: '0' passthrough or '1' zstd frames, as given. */
function container(items: Array<['0' | '1', Uint8Array]>): Uint8Array {
  const w = new Writer().ascii('X').byte(items.length);
  for (const [tag, bytes] of items) {
    w.ascii(tag);
    if (tag === '0') w.shortString(bytes);
    else w.large(bytes);
  }
  return w.finish();
}

describe('the compressed container', () => {
  it('passes short bodies through', () => {
    const body = encodeChatMessage(message('hi'));
    const packed = compressChatBody(body);
    expect(packed.subarray(0, 4)).toEqual(Uint8Array.of(0x58, 1, 0x30, body.length));
    expect(decompressChatBody(packed)).toEqual([body]);
  });

  it('compresses longer bodies with zstd frames that declare their size', () => {
    const body = encodeChatMessage(message('hello '.repeat(500)));
    const packed = compressChatBody(body);
    expect(packed[2]).toBe(0x31);
    expect(packed.length).toBeLessThan(body.length / 10);
    expect(zstd.getFrameContentSize(packed.subarray(5))).toBe(body.length);
    expect(decompressChatBody(packed)).toEqual([body]);
    const items = decodeChatBody(packed);
    expect(items).toHaveLength(1);
    expect(
      items[0]!.ok && items[0]!.element.kind === 'message' && items[0]!.element.message,
    ).toEqual(message('hello '.repeat(500)));
  });

  it('decodes every item of a container as a body of its own', () => {
    const a = encodeChatMessage(message('a'));
    const batch = concatBytes(utf8('['), a, utf8(','), a, utf8(']'));
    const items = decodeChatBody(
      container([
        ['0', a],
        ['1', compress(batch)],
      ]),
    );
    expect(items.map((i) => i.ok)).toEqual([true, true, true]);
  });

  it('rejects a decompression bomb before decompressing it', () => {
    const bomb = compress(new Uint8Array(10 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(2000);
    expect(() => decompressChatBody(container([['1', bomb]]))).toThrow(
      /exceeds the limit of 65536/,
    );
  });

  it('counts the declared sizes of all items against the cap', () => {
    const half = compress(new Uint8Array(MAX_DECOMPRESSED_MSG_LENGTH / 2 + 1));
    expect(() =>
      decompressChatBody(
        container([
          ['1', half],
          ['1', half],
        ]),
      ),
    ).toThrow(DecodeError);
    const exact = compress(new Uint8Array(MAX_DECOMPRESSED_MSG_LENGTH / 2));
    expect(
      decompressChatBody(
        container([
          ['1', exact],
          ['1', exact],
        ]),
      ),
    ).toHaveLength(2);
  });

  it('rejects frames that do not declare their size', () => {
    const frame = compress(new Uint8Array(500), { contentSizeFlag: false });
    expect(() => decompressChatBody(container([['1', frame]]))).toThrow(
      /does not declare its size/,
    );
  });

  it('rejects an item whose output exceeds what its first frame declared', () => {
    const liar = concatBytes(compress(new Uint8Array(10)), compress(new Uint8Array(1_000_000)));
    expect(() => decompressChatBody(container([['1', liar]]))).toThrow(DecodeError);
  });

  it.each([
    ['no items', Uint8Array.of(0x58, 0)],
    ['a truncated item', Uint8Array.of(0x58, 1, 0x30, 5, 1)],
    ['trailing bytes', Uint8Array.of(0x58, 1, 0x30, 1, 0x7b, 0)],
    ['an unknown item tag', Uint8Array.of(0x58, 1, 0x32, 1, 0x7b)],
    ['a frame that is not zstd', container([['1', utf8('not a zstd frame')]])],
    [
      'a corrupt frame',
      container([['1', compress(utf8('x'.repeat(300))).map((b, i) => (i > 12 ? b ^ 0x55 : b))]]),
    ],
  ])('rejects %s', (_, bytes) => {
    expect(() => decompressChatBody(bytes)).toThrow(DecodeError);
    const items = decodeChatBody(bytes);
    expect(items).toHaveLength(1);
    expect(items[0]!.ok).toBe(false);
  });

  it('does not read a container inside a container', () => {
    const inner = compressChatBody(encodeChatMessage(message('x')));
    const [item] = decodeChatBody(container([['0', inner]]));
    expect(item!.ok).toBe(false);
    expect(!item!.ok && item!.error.message).toMatch(/invalid element prefix 0x58/);
  });
});
