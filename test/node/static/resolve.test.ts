import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeType, resolveStaticFile } from '../../../src/node/static';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function site() {
  const base = tempDir();
  const root = path.join(base, 'site');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'void 0');
  writeFileSync(path.join(base, 'secret.txt'), 'outside');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link-out.txt'));
  return root;
}

describe('resolveStaticFile', () => {
  it('serves index.html for / and files by path with their MIME type', async () => {
    const root = site();
    expect(await resolveStaticFile(root, '/')).toMatchObject({
      ok: true,
      mime: 'text/html; charset=utf-8',
    });
    expect(await resolveStaticFile(root, '/assets/app.js')).toMatchObject({
      ok: true,
      mime: 'text/javascript; charset=utf-8',
      size: 6,
    });
  });

  const refused: [string, number][] = [
    ['/../secret.txt', 403],
    ['/assets/../../secret.txt', 403],
    ['/%2e%2e/secret.txt', 403],
    ['/assets/%2E%2E/%2e%2e/secret.txt', 403],
    ['/..%2fsecret.txt', 403],
    ['/..%5csecret.txt', 400],
    ['/assets\\..\\..\\secret.txt', 400],
    ['/index.html%00.js', 400],
    ['/%E0%A4%A', 400],
    ['/./index.html', 403],
    ['/link-out.txt', 403],
    ['/assets', 404],
    ['/assets/', 404],
    ['/missing.js', 404],
    ['relative.js', 400],
  ];
  for (const [url, status] of refused) {
    it(`refuses ${url} with ${status}`, async () => {
      expect(await resolveStaticFile(site(), url)).toMatchObject({ ok: false, status });
    });
  }

  it('knows the types of a built renderer', () => {
    expect(mimeType('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('a.SVG')).toBe('image/svg+xml');
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.map')).toBe('application/json; charset=utf-8');
    expect(mimeType('noext')).toBe('application/octet-stream');
  });
});
