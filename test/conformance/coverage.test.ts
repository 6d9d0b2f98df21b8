import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, chatVectors, simplexmqVectors, smpWebVectors } from './vectors';
import { PENDING_VECTORS } from './pending';

const TEST_ROOT = path.resolve(import.meta.dirname, '..');

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testSources(p);
    return /\.test\.tsx?$/.test(e.name) && e.name !== 'coverage.test.ts'
      ? [readFileSync(p, 'utf8')]
      : [];
  });
}

const allNames = [
  ...simplexmqVectors.map((v) => v.name),
  ...chatVectors.map((v) => v.name),
  ...Object.keys(smpWebVectors.vectors).map((k) => `smp-web:${k}`),
];

describe('conformance coverage', () => {
  const sources = testSources(TEST_ROOT).join('\n');
  const mentioned = (name: string) =>
    sources.includes(JSON.stringify(name)) ||
    sources.includes(`'${name}'`) ||
    sources.includes(`\`${name}\``);

  it('every vector is tested by name or listed as pending', () => {
    const missing = allNames.filter((n) => !mentioned(n) && !(n in PENDING_VECTORS));
    expect(missing).toEqual([]);
  });

  it('no vector is both tested and pending', () => {
    expect(Object.keys(PENDING_VECTORS).filter((n) => mentioned(n))).toEqual([]);
  });

  it('the pending list names only real vectors', () => {
    expect(Object.keys(PENDING_VECTORS).filter((n) => !allNames.includes(n))).toEqual([]);
  });

  it('the copies in the repo match ../shared/conformance when it is present', () => {
    const shared = path.resolve(TEST_ROOT, '../../shared/conformance');
    if (!existsSync(shared)) return;
    for (const f of readdirSync(FIXTURES)) {
      expect(readFileSync(path.join(FIXTURES, f), 'utf8'), f).toBe(
        readFileSync(path.join(shared, f), 'utf8'),
      );
    }
  });
});
