import { describe, expect, it } from 'vitest';
import { EncodeError, fromUtf8, utf8 } from '../../../src/protocol/encoding';
import {
  MAX_ENCODED_MSG_LENGTH,
  MessageTooLargeError,
  batchBodies,
  decodeChatBody,
  encodeChatMessage,
  encodeJsonBatch,
  splitBinaryBatch,
  type BatchOptions,
  type ChatMessage,
} from '../../../src/protocol/chat';

const msg = (text: string): ChatMessage => ({
  version: { min: 1, max: 17 },
  event: 'x.msg.new',
  params: { content: { type: 'text', text } },
});

/** A JSON message body of exactly `n` bytes. */
function bodyOf(n: number): Uint8Array {
  const empty = encodeChatMessage(msg('')).length;
  const body = encodeChatMessage(msg('a'.repeat(n - empty)));
  expect(body.length).toBe(n);
  return body;
}

describe('JSON batches', () => {
  it('send one message as is and several as an array', () => {
    const [a, b] = [utf8('{"a":1}'), utf8('{"b":2}')];
    expect(encodeJsonBatch([a])).toBe(a);
    expect(fromUtf8(encodeJsonBatch([a, b]))).toBe('[{"a":1},{"b":2}]');
    expect(() => encodeJsonBatch([])).toThrow(EncodeError);
  });

  it('fill a body up to the limit exactly, never past it', () => {
    const bodies = [bodyOf(100), bodyOf(100), bodyOf(100)];
    const three = 300 + 2 + 2; // two commas, two brackets
    expect(
      batchBodies(bodies, { mode: 'json', maxLength: three }).map((r) => r.ok && r.indexes),
    ).toEqual([[0, 1, 2]]);
    expect(
      batchBodies(bodies, { mode: 'json', maxLength: three - 1 }).map((r) => r.ok && r.indexes),
    ).toEqual([[0, 1], [2]]);
  });

  it('decode back to the same messages', () => {
    const messages = ['one', 'two', 'three'].map(msg);
    const [batch] = batchBodies(
      messages.map((m) => encodeChatMessage(m)),
      { mode: 'json', maxLength: MAX_ENCODED_MSG_LENGTH },
    );
    if (!batch?.ok) throw new Error('no batch');
    const items = decodeChatBody(batch.body);
    expect(items.map((i) => i.ok && i.element.kind === 'message' && i.element.message)).toEqual(
      messages,
    );
  });

  it('report a message too large to send alone, and still send the others in order', () => {
    const bodies = [bodyOf(100), bodyOf(500), bodyOf(100), bodyOf(100)];
    const results = batchBodies(bodies, { mode: 'json', maxLength: 400 });
    expect(results.map((r) => (r.ok ? r.indexes : `too large: ${r.index}`))).toEqual([
      [0],
      'too large: 1',
      [2, 3],
    ]);
    const failed = results[1]!;
    expect(!failed.ok && failed.error).toBeInstanceOf(MessageTooLargeError);
    expect(!failed.ok && failed.error).toMatchObject({ length: 500, maxLength: 400 });
  });
});

describe('binary batches', () => {
  const elements = (n: number, size: number) =>
    Array.from({ length: n }, () => new Uint8Array(size).fill(0x7b));

  it('send a single element unwrapped unless asked to wrap it', () => {
    const [e] = elements(1, 10);
    expect(batchBodies([e!], { mode: 'binary', maxLength: 100 })).toEqual([
      { ok: true, body: e, indexes: [0] },
    ]);
    const [wrapped] = batchBodies([e!], { mode: 'binary', maxLength: 100, alwaysWrap: true });
    expect(wrapped!.ok && splitBinaryBatch(wrapped!.body)).toEqual([e]);
    // The 4 framing bytes count: 10 + 4 does not fit in 13.
    expect(batchBodies([e!], { mode: 'binary', maxLength: 13, alwaysWrap: true })[0]!.ok).toBe(
      false,
    );
  });

  it('hold at most 255 elements', () => {
    const results = batchBodies(elements(300, 1), {
      mode: 'binary',
      maxLength: MAX_ENCODED_MSG_LENGTH,
    });
    expect(results.map((r) => r.ok && r.indexes.length)).toEqual([255, 45]);
    expect(results.map((r) => r.ok && splitBinaryBatch(r.body).length)).toEqual([255, 45]);
  });
});

describe('the batcher', () => {
  // A small deterministic generator, so failures reproduce.
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };

  it.each<BatchOptions>([
    { mode: 'json', maxLength: 300 },
    { mode: 'binary', maxLength: 300 },
    { mode: 'binary', maxLength: 300, alwaysWrap: true },
  ])('keeps order and the limit for random sizes (%j)', (options) => {
    for (let round = 0; round < 200; round++) {
      const bodies = Array.from({ length: next(40) }, () =>
        new Uint8Array(1 + next(320)).fill(0x7b),
      );
      const results = batchBodies(bodies, options);
      const seen = results.flatMap((r) => (r.ok ? r.indexes : [r.index]));
      expect(seen).toEqual(bodies.map((_, i) => i));
      for (const r of results) {
        if (!r.ok) {
          const overhead = options.alwaysWrap ? 4 : 0;
          expect(bodies[r.index]!.length + overhead).toBeGreaterThan(options.maxLength);
          continue;
        }
        expect(r.body.length).toBeLessThanOrEqual(options.maxLength);
        const framed = options.mode === 'binary' && (r.indexes.length > 1 || options.alwaysWrap);
        if (framed) expect(splitBinaryBatch(r.body)).toEqual(r.indexes.map((i) => bodies[i]));
      }
    }
  });
});
