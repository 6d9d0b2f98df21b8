import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/protocol/encoding';
import { cryptoReady } from '../../../../src/protocol/crypto';
import {
  decodeRatchetState,
  encodeRatchetState,
  initiatorRatchet,
  joinerRatchet,
  newInitiatorE2eParams,
  newJoinerE2eParams,
} from '../../../../src/protocol/agent';

beforeAll(cryptoReady);

function states() {
  const inv = newInitiatorE2eParams();
  const joiner = newJoinerE2eParams(3);
  return {
    joiner: joinerRatchet(joiner.privateKeys, {
      version: 3,
      key1: inv.params.key1,
      key2: inv.params.key2,
    }),
    initiator: initiatorRatchet(inv.privateKeys, joiner.params),
  };
}

describe('ratchet state storage', () => {
  it('round-trips states with and without chains exactly', () => {
    const { joiner, initiator } = states();
    for (const s of [joiner, initiator]) {
      const bytes = encodeRatchetState(s);
      expect(decodeRatchetState(bytes)).toEqual(s);
      expect(encodeRatchetState(decodeRatchetState(bytes))).toEqual(bytes);
    }
    expect(initiator.send).toBeUndefined();
    expect(joiner.send).toBeDefined();
  });

  it('rejects truncated, extended, unknown-format and inconsistent states', () => {
    const bytes = encodeRatchetState(states().joiner);
    expect(() => decodeRatchetState(bytes.subarray(0, bytes.length - 1))).toThrow(DecodeError);
    expect(() => decodeRatchetState(Uint8Array.of(...bytes, 0))).toThrow(DecodeError);
    const format = bytes.slice();
    format[0] = 9;
    expect(() => decodeRatchetState(format)).toThrow(DecodeError);
    const versions = bytes.slice();
    versions[2] = 9; // current 9 > max 3
    expect(() => decodeRatchetState(versions)).toThrow(DecodeError);
    const adLength = bytes.slice();
    adLength[5] = 111; // associated data length
    expect(() => decodeRatchetState(adLength)).toThrow(DecodeError);
  });
});
