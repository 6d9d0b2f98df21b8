import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetFakeElectron } from '../fake-electron';
import {
  APP_SCHEME_PRIVILEGES,
  appResponse,
  registerAppScheme,
  serveAppProtocol,
} from '../../../../src/main/app/security/app-protocol';
import { useTempDirs } from '../../../support/temp-dir';

vi.mock('electron', () => import('../fake-electron'));

const tempDir = useTempDirs();
beforeEach(resetFakeElectron);

function renderer(): string {
  const base = tempDir();
  const dir = path.join(base, 'renderer');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(dir, 'assets', 'index.css'), 'body{}');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer');
  return dir;
}

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme without CSP bypass or file privileges', () => {
    registerAppScheme();
    expect(fake.privilegedSchemes).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('serves the renderer with its MIME type and the strict CSP', async () => {
    const dir = renderer();
    const page = await appResponse(dir, 'GET', 'app://conclave/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<!doctype html>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('ws:');
    const css = await appResponse(dir, 'GET', 'app://conclave/assets/index.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await appResponse(dir, 'GET', 'app://conclave/')).status).toBe(200);
  });

  const refused: [string, string, number][] = [
    // The URL parser folds %2e%2e like `..`, so this asks for /secret.txt inside the renderer.
    ['GET', 'app://conclave/%2e%2e/secret.txt', 404],
    ['GET', 'app://conclave/assets/%2E%2E%2F%2E%2E%2Fsecret.txt', 403],
    ['GET', 'app://conclave/..%5csecret.txt', 400],
    ['GET', 'app://conclave/assets/', 404],
    ['GET', 'app://conclave/missing.js', 404],
    ['GET', 'app://evil/index.html', 404],
    ['GET', 'not a url', 400],
    ['POST', 'app://conclave/index.html', 405],
  ];
  for (const [method, url, status] of refused) {
    it(`answers ${method} ${url} with ${status}`, async () => {
      const response = await appResponse(renderer(), method, url);
      expect(response.status).toBe(status);
      expect(await response.text()).not.toContain('outside the renderer');
    });
  }

  it('plain ../ is folded by the URL parser and cannot leave the directory', async () => {
    const response = await appResponse(renderer(), 'GET', 'app://conclave/../../secret.txt');
    expect(response.status).toBe(404);
  });

  it('installs one handler for app:// that uses the same rules', async () => {
    serveAppProtocol(renderer());
    const handler = fake.protocolHandlers.get('app')!;
    expect((await handler(new Request('app://conclave/index.html'))).status).toBe(200);
    expect((await handler(new Request('app://conclave/%2E%2E%2Fsecret.txt'))).status).toBe(403);
    expect((await handler(new Request('app://conclave/', { method: 'POST' }))).status).toBe(405);
  });
});
