// Test helper: deterministic mutations (truncation and byte flips) of valid encodings, to check
// that decoders fed hostile input throw nothing but their documented error types.
export function* mutations(valid: readonly Uint8Array[], count: number): Generator<Uint8Array> {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let i = 0; i < count; i++) {
    const source = valid[i % valid.length]!;
    const out = source.slice(0, 1 + (rnd() % source.length));
    for (let k = rnd() % 4; k > 0; k--) out[rnd() % out.length] = rnd() & 0xff;
    yield out;
  }
}

/** Runs `decode` on every mutation; anything thrown must be one of `allowed`. */
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
