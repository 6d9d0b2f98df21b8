// Fuzzes decodeChatBody with mutated messages: no crash, only values and DecodeErrors.
// CONCLAVE_FUZZ_ITERATIONS and CONCLAVE_FUZZ_SEED scale and vary the run (npm run fuzz).
import { describe, expect, it } from 'vitest';
import { decodeChatBody } from '../../../src/protocol/chat';
import { FuzzFailure, checkInput, runChatFuzz, seedBodies } from './fuzz-harness';

const iterations = Number(process.env.CONCLAVE_FUZZ_ITERATIONS ?? 20_000);
const seed = Number(process.env.CONCLAVE_FUZZ_SEED ?? 1);

describe('fuzzing the chat body decoder', () => {
  it('decodes every seed body without failures', () => {
    for (const body of seedBodies()) expect(() => checkInput(body)).not.toThrow();
  });

  it('catches a decoder that throws anything but a DecodeError', () => {
    // A decoder with a planted bug: it crashes on bodies that contain a zero byte.
    const buggy: typeof decodeChatBody = (body) => {
      if (body.includes(0)) throw new TypeError('planted bug');
      return decodeChatBody(body);
    };
    expect(() => runChatFuzz({ iterations: 2_000, seed, decode: buggy })).toThrow(FuzzFailure);
  });

  it(`returns values or DecodeErrors for ${iterations} mutated inputs (seed ${seed})`, () => {
    const stats = runChatFuzz({ iterations, seed });
    expect(stats.iterations).toBe(iterations);
    // The mutations reach both outcomes in earnest, not just one of them.
    expect(stats.decoded).toBeGreaterThan(iterations / 10);
    expect(stats.rejected).toBeGreaterThan(iterations / 3);
  }, 600_000);
});
