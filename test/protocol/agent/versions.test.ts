import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/protocol/encoding';
import {
  AGENT_VERSIONS,
  E2E_VERSIONS,
  SMP_CLIENT_VERSIONS,
  formatVersionRange,
  parseVersionRange,
  versionRange,
} from '../../../src/protocol/agent';

describe('agent version ranges', () => {
  it('supports agent 2..7, SMP client 1..4 and e2e 2..3', () => {
    expect(AGENT_VERSIONS).toEqual({ min: 2, max: 7 });
    expect(SMP_CLIENT_VERSIONS).toEqual({ min: 1, max: 4 });
    expect(E2E_VERSIONS).toEqual({ min: 2, max: 3 });
  });

  it('writes equal ends as one number and parses both forms', () => {
    expect(formatVersionRange({ min: 2, max: 7 })).toBe('2-7');
    expect(formatVersionRange({ min: 3, max: 3 })).toBe('3');
    expect(parseVersionRange('3')).toEqual({ min: 3, max: 3 });
    expect(parseVersionRange('1-4')).toEqual({ min: 1, max: 4 });
  });

  it.each(['', '4-1', '1-', '-1', 'a', '1-2-3', '70000', ' 1'])('rejects %j', (s) => {
    expect(() => parseVersionRange(s)).toThrow(DecodeError);
  });

  it('validates constructed ranges', () => {
    expect(() => versionRange(2, 1)).toThrow(DecodeError);
    expect(() => versionRange(1.5)).toThrow(DecodeError);
  });
});
