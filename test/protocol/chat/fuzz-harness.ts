// A mutation fuzzer for decodeChatBody. Inputs start from valid bodies (every vector, a message
// for every event, batches, signed, forwarded, compressed and file elements) and are mutated at
// the byte level (bit flips, truncation, splicing, inserted and random bytes) and at the JSON
// level (random shapes put in place of fields). Every outcome must be a value or a DecodeError:
// any other exception, or a decoded value that does not re-encode stably, is a failure that
// names the seed and the input. Exported for `npm run fuzz` to run with more iterations.
import {
  DecodeError,
  concatBytes,
  fromUtf8,
  latin1,
  toHex,
  utf8,
} from '../../../src/protocol/encoding';
import {
  compressChatBody,
  decodeChatBody,
  decodeChatElement,
  encodeBinaryBatch,
  encodeChatElement,
  encodeChatMessage,
  encodeFileChunk,
  encodeForwardElement,
  encodeJsonBatch,
  encodeSignedElement,
  type JsonValue,
} from '../../../src/protocol/chat';
import { chatVectors } from '../../conformance/vectors';
import {
  deleteOrDuplicate,
  flipBits,
  insertBytes,
  int,
  pick,
  prng,
  randomBytes,
  setBytes,
  splice,
  truncate,
  type Mutator,
  type Random,
} from '../../support/mutate';
import { ALL_SAMPLES } from './samples';

type Decoder = typeof decodeChatBody;

export interface FuzzOptions {
  iterations: number;
  seed?: number;
  /** The decoder under test; decodeChatBody unless a test wants to see the fuzzer catch a bug. */
  decode?: Decoder;
}

export interface FuzzStats {
  iterations: number;
  /** Inputs that decoded to at least one element. */
  decoded: number;
  /** Inputs that gave at least one DecodeError. */
  rejected: number;
  /** Elements decoded in all. */
  elements: number;
}

export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

/** The valid bodies mutations start from. */
export function seedBodies(): Uint8Array[] {
  const vectors = chatVectors.map((v) =>
    v.event === '(binary batch framing)' ? latin1(v.json) : utf8(v.json),
  );
  const messages = ALL_SAMPLES.map((m) => encodeChatMessage(m));
  const signed = messages.slice(0, 6).map((body, i) =>
    encodeSignedElement({
      binding: (['G', 'D', 'C'] as const)[i % 3]!,
      signatures: [{ keyRef: 'M', signature: new Uint8Array(64).fill(i) }],
      body,
    }),
  );
  const member = { kind: 'member' as const, memberId: Uint8Array.of(1, 2), memberName: 'ann' };
  const forwarded = [...messages.slice(6, 10), ...signed].map((inner, i) =>
    encodeForwardElement({ sender: i % 2 ? member : { kind: 'channel' }, brokerTs: i }, inner),
  );
  const file = encodeFileChunk({
    sharedMsgId: Uint8Array.of(7),
    chunk: { kind: 'chunk', chunkNo: 1, bytes: utf8('chunk') },
  });
  const batches = [
    encodeJsonBatch(messages.slice(0, 5)),
    encodeBinaryBatch([...messages.slice(10, 13), ...signed.slice(0, 2), ...forwarded, file]),
  ];
  const compressed = [messages[0]!, messages[5]!, ...batches].map(compressChatBody);
  return [...vectors, ...messages, ...signed, ...forwarded, file, ...batches, ...compressed];
}

const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, ...utf8('{}[]":,\\=/>XF01M C-x.')];
const PREFIXES = [...utf8('{[=/>XF')];

/** The shared byte mutations, and chat's own: its bytes, its prefixes, its containers. */
const MUTATORS: readonly Mutator[] = [
  flipBits,
  setBytes(INTERESTING),
  truncate,
  splice,
  insertBytes,
  deleteOrDuplicate,
  // random bytes behind a real prefix
  (rnd) => concatBytes(Uint8Array.of(pick(rnd, PREFIXES)), randomBytes(rnd, int(rnd, 300))),
  // the mutation in a container, batch or element
  (rnd, input, other) => wrap(rnd, mutateBytes(rnd, input, other)),
];

function mutateBytes(rnd: Random, input: Uint8Array, other: Uint8Array): Uint8Array {
  return pick(rnd, MUTATORS)(rnd, input, other);
}

function wrap(rnd: Random, inner: Uint8Array): Uint8Array {
  switch (int(rnd, 4)) {
    case 0:
      return compressChatBody(inner);
    case 1:
      return concatBytes(Uint8Array.of(0x3d, 1, inner.length >> 8, inner.length & 0xff), inner);
    case 2:
      return concatBytes(utf8('/G'), Uint8Array.of(1, 0x4d, 64), new Uint8Array(64), inner);
    default:
      return concatBytes(utf8('>C'), new Uint8Array(8), inner);
  }
}

/** A random JSON value of bounded depth. */
function randomJson(rnd: Random, depth: number): JsonValue {
  switch (int(rnd, depth > 0 ? 8 : 5)) {
    case 0:
      return null;
    case 1:
      return rnd() < 0.5;
    case 2:
      return pick(rnd, [0, -1, 1.5, 2 ** 53, 1e300, -0, 65536, 3]);
    case 3:
      return pick(rnd, [
        '',
        'AQ==',
        'AQ',
        'x.msg.new',
        '1-17',
        'member',
        'text',
        '👍',
        '\u0000',
        'a b',
      ]);
    case 4:
      return fromUtf8(randomBytes(rnd, int(rnd, 8)).map((c) => 0x20 + (c % 0x5f)));
    case 5:
      return Array.from({ length: int(rnd, 4) }, () => randomJson(rnd, depth - 1));
    default: {
      const keys = [
        'type',
        'text',
        'memberId',
        'msgId',
        'content',
        'profile',
        'v',
        'params',
        'event',
      ];
      const o: Record<string, JsonValue> = {};
      for (let i = int(rnd, 5); i > 0; i--) o[pick(rnd, keys)] = randomJson(rnd, depth - 1);
      return o;
    }
  }
}

/** Replaces, removes or adds one node somewhere inside a JSON value. */
function mutateJson(rnd: Random, value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object' || rnd() < 0.15) return randomJson(rnd, 3);
  if (Array.isArray(value)) {
    if (value.length === 0) return [randomJson(rnd, 2)];
    const i = int(rnd, value.length);
    return value.map((v, j) => (j === i ? mutateJson(rnd, v) : v));
  }
  const keys = Object.keys(value);
  const out = { ...value };
  const key = keys.length > 0 && rnd() < 0.85 ? pick(rnd, keys) : pick(rnd, ['extra', 'type', 'v']);
  if (rnd() < 0.1) delete out[key];
  else out[key] = key in value ? mutateJson(rnd, value[key]!) : randomJson(rnd, 2);
  return out;
}

/** One input: a byte-level mutation, a JSON-level mutation, or a random JSON shape. */
function nextInput(rnd: Random, seeds: Uint8Array[], jsonSeeds: JsonValue[]): Uint8Array {
  const roll = rnd();
  if (roll < 0.55) return mutateBytes(rnd, pick(rnd, seeds), pick(rnd, seeds));
  if (roll < 0.9) {
    const mutated = utf8(JSON.stringify(mutateJson(rnd, pick(rnd, jsonSeeds))));
    return rnd() < 0.2 ? wrap(rnd, mutated) : mutated;
  }
  return utf8(JSON.stringify(randomJson(rnd, 4)));
}

/** Checks one input, throwing FuzzFailure when a property breaks. */
export function checkInput(
  input: Uint8Array,
  decode: Decoder = decodeChatBody,
): { elements: number; errors: number } {
  const fail = (why: string, cause?: unknown): never => {
    throw new FuzzFailure(`${why} for input ${toHex(input)}`, { cause });
  };
  let items: ReturnType<Decoder>;
  try {
    items = decode(input);
  } catch (e) {
    return fail(`the decoder threw ${String(e)}`, e);
  }
  let elements = 0;
  let errors = 0;
  for (const item of items) {
    if (!item.ok) {
      if (!(item.error instanceof DecodeError) || !item.error.message) fail('an untyped error');
      errors++;
      continue;
    }
    elements++;
    // A decoded element re-encodes, and encoding is stable from then on.
    try {
      const once = encodeChatElement(item.element);
      const twice = encodeChatElement(decodeChatElement(once));
      if (toHex(once) !== toHex(twice)) fail('re-encoding is not stable');
    } catch (e) {
      if (e instanceof FuzzFailure) throw e;
      fail(`re-encoding a decoded element threw ${String(e)}`, e);
    }
  }
  return { elements, errors };
}

export function runChatFuzz({ iterations, seed = 1, decode }: FuzzOptions): FuzzStats {
  const rnd = prng(seed);
  const seeds = seedBodies();
  const jsonSeeds = seeds.flatMap((s): JsonValue[] => {
    try {
      return [JSON.parse(fromUtf8(s)) as JsonValue];
    } catch {
      return [];
    }
  });
  const stats: FuzzStats = { iterations: 0, decoded: 0, rejected: 0, elements: 0 };
  for (let i = 0; i < iterations; i++) {
    const input = nextInput(rnd, seeds, jsonSeeds);
    let result: { elements: number; errors: number };
    try {
      result = checkInput(input, decode);
    } catch (e) {
      if (e instanceof FuzzFailure) e.message = `seed ${seed}, iteration ${i}: ${e.message}`;
      throw e;
    }
    stats.iterations++;
    stats.elements += result.elements;
    if (result.elements > 0) stats.decoded++;
    if (result.errors > 0) stats.rejected++;
  }
  return stats;
}
