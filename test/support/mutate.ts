// Byte mutations for fuzzing decoders: a seeded PRNG and mutators that start from valid inputs.
// Every fuzzer and hostile-input test uses these; each brings what is its own (the chat fuzzer
// its interesting bytes and containers, the SMP fuzzer valid transmissions for its queues).
import { concatBytes } from '../../src/protocol/encoding';

export type Random = () => number;

/** mulberry32: small, fast and seedable, so every failure reproduces from its seed. */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0 … n-1. */
export const int = (rnd: Random, n: number): number => Math.floor(rnd() * n);
export const pick = <T>(rnd: Random, items: readonly T[]): T => items[int(rnd, items.length)]!;

export function randomBytes(rnd: Random, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => int(rnd, 256));
}

/** One mutation of `b`; `other` is material for splicing. Never changes its inputs. */
export type Mutator = (rnd: Random, b: Uint8Array, other: Uint8Array) => Uint8Array;

/** Flips one to eight bits. */
export const flipBits: Mutator = (rnd, b) => {
  const out = b.slice();
  for (let i = 1 + int(rnd, 8); i > 0 && out.length > 0; i--)
    out[int(rnd, out.length)]! ^= 1 << int(rnd, 8);
  return out;
};

/** Sets one to four bytes to values from `values` (within the first `within` bytes). */
export function setBytes(values: readonly number[], within = Infinity): Mutator {
  return (rnd, b) => {
    const out = b.slice();
    const span = Math.min(out.length, within);
    for (let i = 1 + int(rnd, 4); i > 0 && span > 0; i--) out[int(rnd, span)] = pick(rnd, values);
    return out;
  };
}

const ANY_BYTE = Array.from({ length: 256 }, (_, i) => i);

/** Sets one to four bytes at random. */
export const randomizeBytes: Mutator = setBytes(ANY_BYTE);

/** Sets a length byte near the start (a shortString prefix, most likely) to an extreme. */
export const extremeLength: Mutator = setBytes([0, 1, 23, 24, 25, 63, 64, 80, 255], 80);

/** Cuts the input short. */
export const truncate: Mutator = (rnd, b) => b.slice(0, int(rnd, b.length + 1));

/** Inserts 1 to 16 random bytes. */
export const insertBytes: Mutator = (rnd, b) => {
  const at = int(rnd, b.length + 1);
  return concatBytes(b.subarray(0, at), randomBytes(rnd, 1 + int(rnd, 16)), b.subarray(at));
};

/** Deletes or duplicates a slice. */
export const deleteOrDuplicate: Mutator = (rnd, b) => {
  const from = int(rnd, b.length + 1);
  const to = from + int(rnd, b.length - from + 1);
  return rnd() < 0.5
    ? concatBytes(b.subarray(0, from), b.subarray(to))
    : concatBytes(b.subarray(0, to), b.subarray(from, to), b.subarray(to));
};

/** The start of one input, the end of another. */
export const splice: Mutator = (rnd, b, other) =>
  concatBytes(b.subarray(0, int(rnd, b.length + 1)), other.subarray(int(rnd, other.length + 1)));

/** Up to 120 random bytes, whatever the input. */
export const randomInput: Mutator = (rnd) => randomBytes(rnd, int(rnd, 120));

export const BYTE_MUTATORS: readonly Mutator[] = [
  flipBits,
  randomizeBytes,
  extremeLength,
  truncate,
  insertBytes,
  deleteOrDuplicate,
  splice,
  randomInput,
];

/** One to three mutations of `b` (`other` is material for splicing). */
export function mutate(rnd: Random, b: Uint8Array, other: Uint8Array = b): Uint8Array {
  let out = b;
  for (let n = 1 + int(rnd, 3); n > 0; n--) out = pick(rnd, BYTE_MUTATORS)(rnd, out, other);
  return out;
}

/** `count` mutations of the valid inputs, in turn, the same on every run. */
export function* mutations(
  valid: readonly Uint8Array[],
  count: number,
  seed = 12345,
): Generator<Uint8Array> {
  const rnd = prng(seed);
  for (let i = 0; i < count; i++) {
    yield mutate(rnd, valid[i % valid.length]!, pick(rnd, valid));
  }
}

/** Runs `decode` on every input; anything thrown must be one of `allowed`. */
export function expectOnlyErrors(
  inputs: Iterable<Uint8Array>,
  decode: (input: Uint8Array) => unknown,
  allowed: readonly (abstract new (...args: never[]) => Error)[],
): void {
  for (const input of inputs) {
    try {
      decode(input);
    } catch (e) {
      if (!allowed.some((cls) => e instanceof cls)) throw e;
    }
  }
}
