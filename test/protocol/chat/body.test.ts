import { describe, expect, it } from 'vitest';
import { DecodeError, concatBytes, utf8 } from '../../../src/protocol/encoding';
import {
  compressChatBody,
  decodeChatBody,
  encodeBinaryBatch,
  encodeChatMessage,
  encodeFileChunk,
  encodeForwardElement,
  encodeJsonBatch,
  encodeSignedElement,
  type ChatBodyItem,
  type ChatMessage,
} from '../../../src/protocol/chat';

const msg = (text: string): ChatMessage => ({
  version: { min: 1, max: 17 },
  msgId: utf8(text),
  event: 'x.msg.new',
  params: { content: { type: 'text', text } },
});
const a = encodeChatMessage(msg('a'));
const b = encodeChatMessage(msg('b'));

/** A compact picture of the results: the text of each message, or the error. */
function summary(items: ChatBodyItem[]): string[] {
  return items.map((item) => {
    if (!item.ok) {
      expect(item.error).toBeInstanceOf(DecodeError);
      return 'error';
    }
    const { element } = item;
    if (element.kind === 'fileChunk') return 'file';
    const m = element.message;
    const text =
      m.event === 'x.msg.new' && m.params.content.type === 'text' ? m.params.content.text : m.event;
    return [element.forward && 'forwarded', element.signed && 'signed', text]
      .filter(Boolean)
      .join(' ');
  });
}

describe('decoding a body', () => {
  it('reads one JSON message', () => {
    expect(summary(decodeChatBody(a))).toEqual(['a']);
  });

  it('reads a JSON batch, one result per message, a bad one failing alone', () => {
    const body = encodeJsonBatch([a, utf8('{"event":"x.msg.new"}'), b, utf8('7')]);
    expect(summary(decodeChatBody(body))).toEqual(['a', 'error', 'b', 'error']);
    expect(decodeChatBody(utf8('[]'))).toEqual([]);
  });

  it('reads a binary batch of every element kind, a bad element failing alone', () => {
    const signed = encodeSignedElement({
      binding: 'G',
      signatures: [{ keyRef: 'M', signature: new Uint8Array(64) }],
      body: b,
    });
    const forward = encodeForwardElement({ sender: { kind: 'channel' }, brokerTs: 5 }, signed);
    const file = encodeFileChunk({ sharedMsgId: Uint8Array.of(1), chunk: { kind: 'cancel' } });
    const body = encodeBinaryBatch([a, signed, utf8('?'), forward, file]);
    expect(summary(decodeChatBody(body))).toEqual([
      'a',
      'signed b',
      'error',
      'forwarded signed b',
      'file',
    ]);
  });

  it('reads compressed bodies of any form', () => {
    expect(summary(decodeChatBody(compressChatBody(encodeJsonBatch([a, b]))))).toEqual(['a', 'b']);
    expect(summary(decodeChatBody(compressChatBody(encodeBinaryBatch([b, a]))))).toEqual([
      'b',
      'a',
    ]);
    const long = encodeChatMessage(msg('x'.repeat(1000)));
    expect(summary(decodeChatBody(compressChatBody(long)))).toEqual(['x'.repeat(1000)]);
  });

  it.each([
    ['an empty body', new Uint8Array(0)],
    ['an unknown first byte', utf8('hello')],
    ['a JSON batch that does not parse', utf8('[{"v":"1"')],
    ['a JSON batch that is not an array', utf8('[1] [2]')],
    ['a broken binary batch', Uint8Array.of(0x3d, 3, 0)],
    ['a broken container', Uint8Array.of(0x58, 1, 0x31, 0, 3, 1, 2, 3)],
    [
      'a message that is not UTF-8',
      concatBytes(utf8('{"v":"'), Uint8Array.of(0xc3, 0x28), utf8('"}')),
    ],
  ])('gives one failed item for %s', (_, body) => {
    expect(summary(decodeChatBody(body))).toEqual(['error']);
  });
});
