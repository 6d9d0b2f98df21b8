import { describe, expect, it } from 'vitest';
import { DecodeError, EncodeError } from '../../../src/protocol/encoding';
import {
  BATCH_SEND_VERSION,
  CURRENT_CHAT_VERSION,
  GROUP_FORWARD_VERSION,
  SUPPORTED_CHAT_VRANGE,
  compatibleVersion,
  formatVersionRange,
  parseVersionRange,
  peerSupports,
  versionRange,
} from '../../../src/protocol/chat';

describe('chat version ranges', () => {
  it('parses and formats both forms', () => {
    expect(parseVersionRange('1-18')).toEqual({ min: 1, max: 18 });
    expect(parseVersionRange('7')).toEqual({ min: 7, max: 7 });
    expect(formatVersionRange({ min: 1, max: 18 })).toBe('1-18');
    expect(formatVersionRange({ min: 3, max: 3 })).toBe('3');
    expect(formatVersionRange(SUPPORTED_CHAT_VRANGE)).toBe('1-17');
  });

  it.each(['', '1-', '-2', '3-2', '65536', '1-65536', 'v1', '1 - 2', '1-2-3'])(
    'rejects %j',
    (s) => {
      expect(() => parseVersionRange(s)).toThrow(DecodeError);
    },
  );

  it('builds only valid ranges', () => {
    expect(versionRange(2)).toEqual({ min: 2, max: 2 });
    expect(() => versionRange(3, 2)).toThrow(EncodeError);
    expect(() => versionRange(1.5)).toThrow(EncodeError);
  });

  it('agrees on the highest common version', () => {
    expect(compatibleVersion(SUPPORTED_CHAT_VRANGE, { min: 1, max: 19 })).toBe(
      CURRENT_CHAT_VERSION,
    );
    expect(compatibleVersion(SUPPORTED_CHAT_VRANGE, { min: 1, max: 5 })).toBe(5);
    expect(compatibleVersion({ min: 1, max: 3 }, { min: 4, max: 9 })).toBeUndefined();
  });

  it('gates features on the peer maximum version', () => {
    expect(GROUP_FORWARD_VERSION).toBe(4);
    expect(BATCH_SEND_VERSION).toBe(5);
    expect(peerSupports({ min: 1, max: 4 }, GROUP_FORWARD_VERSION)).toBe(true);
    expect(peerSupports({ min: 1, max: 4 }, BATCH_SEND_VERSION)).toBe(false);
  });
});
