import { describe, expect, it } from 'vitest';
import {
  AVATAR_SIZES,
  AvatarError,
  avatarAttempts,
  base64Length,
  centredSquare,
  fitAvatar,
  isAcceptableAvatar,
  type EncodeAttempt,
} from '../../../src/renderer/avatar/sizing';
import { MAX_AVATAR_CHARS } from '../../../src/shared/models/profile';

/** A WebP data URI with `n` base64 characters. */
const webp = (n: number) => `data:image/webp;base64,${'A'.repeat(n)}`;

describe('avatar sizing', () => {
  it('tries every size from 192 down to 64 px, best quality first', () => {
    const attempts = avatarAttempts();
    expect(attempts[0]).toEqual({ size: 192, quality: 0.85 });
    expect(attempts.at(-1)).toEqual({ size: 64, quality: 0.25 });
    expect([...new Set(attempts.map((a) => a.size))]).toEqual([...AVATAR_SIZES]);
    // Never goes back up: each attempt is no larger and, at the same size, no better.
    for (let i = 1; i < attempts.length; i++) {
      const [before, after] = [attempts[i - 1]!, attempts[i]!];
      expect(after.size).toBeLessThanOrEqual(before.size);
      if (after.size === before.size) expect(after.quality).toBeLessThan(before.quality);
    }
  });

  it('counts base64 characters after the comma', () => {
    expect(base64Length(webp(10))).toBe(10);
    expect(base64Length('data:image/png;base64,')).toBe(0);
  });

  it('accepts exactly up to the contract’s limit, and only images it allows', () => {
    expect(isAcceptableAvatar(webp(MAX_AVATAR_CHARS))).toBe(true);
    expect(isAcceptableAvatar(webp(MAX_AVATAR_CHARS + 4))).toBe(false);
    expect(isAcceptableAvatar(`data:image/jpeg;base64,${'A'.repeat(100)}`)).toBe(true);
    expect(isAcceptableAvatar(`data:image/svg+xml;base64,${'A'.repeat(100)}`)).toBe(false);
    expect(isAcceptableAvatar('data:image/webp;base64,not base64!')).toBe(false);
  });

  it('crops the centred square of any picture', () => {
    expect(centredSquare(400, 300)).toEqual({ sx: 50, sy: 0, side: 300 });
    expect(centredSquare(300, 401)).toEqual({ sx: 0, sy: 50, side: 300 });
    expect(centredSquare(64, 64)).toEqual({ sx: 0, sy: 0, side: 64 });
  });

  it('steps down until the encoding fits, and returns that one', async () => {
    const tried: EncodeAttempt[] = [];
    // A pretend encoder whose output grows with pixels and quality: nothing at 192 px fits,
    // and at 160 px only the lowest quality does (160² × 0.55 × 0.8 = 11,264 characters).
    const length = (a: EncodeAttempt) => Math.round(a.size * a.size * a.quality * 0.8);
    const encode = (a: EncodeAttempt) => {
      tried.push(a);
      return webp(length(a));
    };
    const result = await fitAvatar(encode);
    expect(base64Length(result)).toBe(11_264);
    expect(tried.at(-1)).toEqual({ size: 160, quality: 0.55 });
    expect(tried).toHaveLength(6);
    expect(tried.slice(0, -1).every((a) => length(a) > MAX_AVATAR_CHARS)).toBe(true);
  });

  it('stops at the first attempt when the picture is small already', async () => {
    const tried: EncodeAttempt[] = [];
    await fitAvatar((a) => (tried.push(a), webp(400)));
    expect(tried).toHaveLength(1);
  });

  it('gives up with an AvatarError when nothing fits', async () => {
    const attempts = avatarAttempts();
    let count = 0;
    const error: unknown = await fitAvatar(() => (count++, webp(MAX_AVATAR_CHARS + 100))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AvatarError);
    expect(count).toBe(attempts.length);
  });
});
