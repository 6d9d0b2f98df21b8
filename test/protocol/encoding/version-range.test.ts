import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  formatVersionRange,
  intersectVersions,
  isVersionInRange,
  isVersionRange,
  maxCommonVersion,
  parseVersionRange,
  readVersionRangeText,
} from '../../../src/protocol/encoding';

describe('version ranges', () => {
  it('are Word16 versions with min ≤ max', () => {
    expect(isVersionRange(0, 0xffff)).toBe(true);
    expect(isVersionRange(3, 3)).toBe(true);
    expect(isVersionRange(4, 3)).toBe(false);
    expect(isVersionRange(-1, 3)).toBe(false);
    expect(isVersionRange(1, 0x10000)).toBe(false);
    expect(isVersionRange(1.5, 2)).toBe(false);
  });

  it('intersect, and two parties use the highest common version', () => {
    expect(intersectVersions({ min: 1, max: 17 }, { min: 5, max: 19 })).toEqual({
      min: 5,
      max: 17,
    });
    expect(maxCommonVersion({ min: 1, max: 17 }, { min: 5, max: 19 })).toBe(17);
    expect(maxCommonVersion({ min: 1, max: 3 }, { min: 4, max: 9 })).toBeUndefined();
    expect(isVersionInRange(4, { min: 4, max: 9 })).toBe(true);
    expect(isVersionInRange(10, { min: 4, max: 9 })).toBe(false);
  });

  it('have a text form: "2-7", or "3" for one version', () => {
    expect(formatVersionRange({ min: 2, max: 7 })).toBe('2-7');
    expect(formatVersionRange({ min: 3, max: 3 })).toBe('3');
    expect(parseVersionRange('2-7')).toEqual({ min: 2, max: 7 });
    expect(parseVersionRange('3')).toEqual({ min: 3, max: 3 });
    expect(readVersionRangeText('7-2')).toBeUndefined();
    expect(() => parseVersionRange('70000')).toThrow(DecodeError);
  });
});
