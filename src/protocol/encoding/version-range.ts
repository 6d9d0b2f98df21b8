// Version ranges, as every SimpleX protocol layer has them (SMP, agent, e2e, chat): Word16
// versions with min ≤ max, their common part and the highest version two parties share, and the
// text form of links and chat messages ("2-7", or "3" when both ends are equal). SMP's binary
// form stays in smp/versions.ts; each layer's constructor throws its own error (a range we build
// is an EncodeError, one we read a DecodeError).
import { DecodeError } from './errors';

export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** Versions are Word16 on every layer. */
export function isVersion(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffff;
}

export function isVersionRange(min: number, max: number): boolean {
  return isVersion(min) && isVersion(max) && min <= max;
}

/** The common part of two ranges, if any. */
export function intersectVersions(a: VersionRange, b: VersionRange): VersionRange | undefined {
  const min = Math.max(a.min, b.min);
  const max = Math.min(a.max, b.max);
  return min <= max ? { min, max } : undefined;
}

export function isVersionInRange(v: number, range: VersionRange): boolean {
  return v >= range.min && v <= range.max;
}

/** The version two parties use: the highest one both support. */
export function maxCommonVersion(a: VersionRange, b: VersionRange): number | undefined {
  return intersectVersions(a, b)?.max;
}

const RANGE_TEXT = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/** The text form, or undefined when it is not a valid range. */
export function readVersionRangeText(s: string): VersionRange | undefined {
  const m = RANGE_TEXT.exec(s);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  return isVersionRange(min, max) ? { min, max } : undefined;
}

export function parseVersionRange(s: string): VersionRange {
  const range = readVersionRangeText(s);
  if (!range) throw new DecodeError(`invalid version range '${s}'`);
  return range;
}

export function formatVersionRange(r: VersionRange): string {
  return r.min === r.max ? String(r.min) : `${r.min}-${r.max}`;
}
