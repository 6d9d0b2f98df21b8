import { describe, expect, it } from 'vitest';
import { DecodeError, EncodeError, Reader, encode, toHex } from '../../../src/protocol/encoding';
import {
  MAX_SMP_VERSION,
  MIN_SMP_VERSION,
  SMP_VERSION,
  SUPPORTED_SMP_VERSIONS,
  intersectVersions,
  isVersionInRange,
  negotiateVersion,
  readVersionRange,
  versionRange,
  writeVersionRange,
} from '../../../src/protocol/smp';

describe('SMP versions', () => {
  it('we speak 6..18', () => {
    expect(SUPPORTED_SMP_VERSIONS).toEqual({ min: 6, max: 18 });
    expect([MIN_SMP_VERSION, MAX_SMP_VERSION]).toEqual([6, 18]);
  });

  it('names the versions where encodings change', () => {
    expect(SMP_VERSION).toEqual({
      subMode: 6,
      authCmds: 7,
      sendingProxy: 8,
      sndAuthKey: 9,
      deletedEvent: 10,
      encryptedBlock: 11,
      blockedEntity: 12,
      proxyServerHandshake: 14,
      shortLinks: 15,
      serviceCerts: 16,
      newNtfCreds: 17,
      clientNotices: 18,
    });
  });

  it('intersects and negotiates', () => {
    expect(intersectVersions(versionRange(6, 18), versionRange(8, 20))).toEqual({
      min: 8,
      max: 18,
    });
    expect(intersectVersions(versionRange(6, 6), versionRange(7, 18))).toBeUndefined();
    expect(negotiateVersion(versionRange(6, 20), SUPPORTED_SMP_VERSIONS)).toBe(18);
    expect(negotiateVersion(versionRange(6, 12), SUPPORTED_SMP_VERSIONS)).toBe(12);
    expect(negotiateVersion(versionRange(19, 20), SUPPORTED_SMP_VERSIONS)).toBeUndefined();
    expect(isVersionInRange(18, SUPPORTED_SMP_VERSIONS)).toBe(true);
    expect(isVersionInRange(5, SUPPORTED_SMP_VERSIONS)).toBe(false);
  });

  it('encodes a range as two Word16', () => {
    const bytes = encode((w) => writeVersionRange(w, versionRange(6, 18)));
    expect(toHex(bytes)).toBe('00060012');
    expect(readVersionRange(new Reader(bytes))).toEqual({ min: 6, max: 18 });
    expect(() => readVersionRange(new Reader(Uint8Array.of(0, 9, 0, 8)))).toThrow(DecodeError);
    expect(() => readVersionRange(new Reader(Uint8Array.of(0, 9, 0)))).toThrow(DecodeError);
  });

  it('refuses impossible ranges', () => {
    expect(() => versionRange(9, 8)).toThrow(EncodeError);
    expect(() => versionRange(-1, 8)).toThrow(EncodeError);
    expect(() => versionRange(1, 70000)).toThrow(EncodeError);
  });
});
