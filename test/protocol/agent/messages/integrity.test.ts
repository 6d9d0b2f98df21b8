import { describe, expect, it } from 'vitest';
import { checkMsgIntegrity } from '../../../../src/protocol/agent';

const h = Uint8Array.of(1, 2, 3);
const other = Uint8Array.of(9);

describe('message integrity', () => {
  it('accepts the next ID with the matching previous hash', () => {
    expect(checkMsgIntegrity(4n, h, 5n, h)).toEqual({ ok: true });
  });

  it('reports lower, equal and skipped IDs and hash mismatches', () => {
    expect(checkMsgIntegrity(4n, h, 3n, h)).toEqual({ ok: false, error: 'BAD_ID', msgId: 3n });
    expect(checkMsgIntegrity(4n, h, 4n, h)).toEqual({ ok: false, error: 'DUPLICATE' });
    expect(checkMsgIntegrity(4n, h, 8n, h)).toEqual({
      ok: false,
      error: 'SKIPPED',
      fromMsgId: 5n,
      toMsgId: 7n,
    });
    expect(checkMsgIntegrity(4n, h, 5n, other)).toEqual({ ok: false, error: 'BAD_HASH' });
  });
});
