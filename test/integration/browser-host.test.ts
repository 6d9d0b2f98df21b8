// The browser host over real HTTP and WebSocket on 127.0.0.1, with a real engine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/engine/log';
import { databasePath } from '../../src/main/engine/store';
import { migrations } from '../../src/main/engine/store/migrations';
import { openDatabase } from '../../src/node/sqlite';
import { HostSetupError, startBrowserHost, type BrowserHost } from '../../src/main/host/server';
import { MAX_PAYLOAD_BYTES } from '../../src/shared/ipc';
import { engineWorkerBundle } from '../support/engine-worker-bundle';
import { useTempDirs } from '../support/temp-dir';
import { connect, type TestSocket } from '../support/ws-client';

const tempDir = useTempDirs();
const hosts: BrowserHost[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const h of hosts.splice(0)) await h.close();
});

function rendererDir(): string {
  const dir = path.join(tempDir(), 'renderer');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Conclave</title>');
  writeFileSync(path.join(dir, 'assets', 'main.js'), 'console.log(1)');
  return dir;
}

async function host(
  engine: 'in-process' | 'worker' = 'in-process',
  dataDir = tempDir(),
): Promise<BrowserHost> {
  const h = await startBrowserHost({
    dataDir,
    rendererDir: rendererDir(),
    engine,
    workerPath: engine === 'worker' ? await engineWorkerBundle() : undefined,
    // These tests are about HTTP and the WebSocket; embedded-host.test.ts covers the server.
    smpServer: 'none',
    log: silentLogger,
  });
  hosts.push(h);
  return h;
}

function wsUrl(h: BrowserHost, token = h.token): string {
  return `ws://127.0.0.1:${h.port}/ipc?token=${encodeURIComponent(token)}`;
}

async function open(h: BrowserHost): Promise<TestSocket> {
  const s = await connect(wsUrl(h), `http://127.0.0.1:${h.port}`);
  sockets.push(s);
  return s;
}

function get(
  h: BrowserHost,
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: h.port, path: urlPath, headers, method: 'GET' },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 with the token in the page fragment', async () => {
    const h = await host();
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/#token=${h.token}`);
    expect(h.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await host();
    expect(other.token).not.toBe(h.token);
  });

  it('serves the renderer with MIME types and the strict CSP, and refuses traversal', async () => {
    const h = await host();
    const page = await get(h, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>Conclave</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${h.port}`);
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(h, '/assets/main.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get(h, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(403);
    expect((await get(h, '/assets/')).status).toBe(404);
    // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is refused.
    expect((await get(h, '/', { Host: `evil.example:${h.port}` })).status).toBe(421);
  });

  it('speaks the contract over the WebSocket and forwards engine events', async () => {
    const h = await host();
    const s = await open(h);
    expect(await s.call('app.info', {})).toMatchObject({
      ok: true,
      value: { runtime: 'browser-host' },
    });
    expect(await s.call('engine.status', {})).toEqual({ ok: true, value: { state: 'ready' } });
    const created = await s.call('profile.create', { displayName: 'alice' });
    expect(created).toMatchObject({ ok: true, value: { displayName: 'alice' } });
    expect(await s.nextEvent('profile.updated')).toMatchObject({ displayName: 'alice' });

    // Another page sees events caused by the first.
    const other = await open(h);
    await s.call('settings.update', { theme: 'dark' });
    expect(await other.nextEvent('settings.updated')).toMatchObject({ theme: 'dark' });
  });

  it('refuses a wrong or missing token and a foreign or missing Origin', async () => {
    const h = await host();
    const origin = `http://127.0.0.1:${h.port}`;
    await expect(connect(wsUrl(h, 'wrong'), origin)).rejects.toThrow('HTTP 403');
    await expect(connect(`ws://127.0.0.1:${h.port}/ipc`, origin)).rejects.toThrow('HTTP 403');
    await expect(connect(wsUrl(h, `${h.token}x`), origin)).rejects.toThrow('HTTP 403');
    await expect(connect(wsUrl(h), 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(wsUrl(h), `http://localhost:${h.port}`)).rejects.toThrow('HTTP 403');
    await expect(connect(wsUrl(h), undefined)).rejects.toThrow('HTTP 403');
    await expect(
      connect(`ws://127.0.0.1:${h.port}/other?token=${h.token}`, origin),
    ).rejects.toThrow('HTTP 404');
    // Nothing reached the engine.
    const s = await open(h);
    expect(await s.call('profile.get', {})).toEqual({ ok: true, value: null });
  });

  it('answers bad calls with typed errors and changes nothing', async () => {
    const h = await host();
    const s = await open(h);
    await s.call('profile.create', { displayName: 'alice' });
    const before = await s.call('profile.get', {});
    const settings = await s.call('settings.get', {});

    expect(await s.call('profile.remove', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
    expect(await s.call('profile.update', { displayName: 42 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await s.call('settings.update', { theme: 'dark', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    const big = { displayName: 'mallory', fullName: 'x'.repeat(MAX_PAYLOAD_BYTES + 10) };
    expect(await s.call('profile.update', big)).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    });

    expect(await s.call('profile.get', {})).toEqual(before);
    expect(await s.call('settings.get', {})).toEqual(settings);
  });

  it('refuses malformed frames: a call with an id gets BAD_INPUT, garbage closes the socket', async () => {
    const h = await host();
    const s = await open(h);
    const bad = await open(h);
    const refused = bad.resultFor(7);
    bad.sendRaw(JSON.stringify({ type: 'call', id: 7, name: 'app.info', input: {}, extra: true }));
    expect(await refused).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'malformed call' },
    });
    bad.sendRaw('{ not json');
    expect(await bad.closed).toEqual({ code: 1007, reason: 'malformed JSON' });

    const noId = await open(h);
    noId.sendRaw(JSON.stringify({ type: 'call', name: 'app.info' }));
    expect((await noId.closed).code).toBe(1008);

    const binary = await open(h);
    binary.sendRaw(Buffer.from([1, 2, 3]));
    expect((await binary.closed).code).toBe(1003);

    const huge = await open(h);
    huge.sendRaw('x'.repeat(3 * MAX_PAYLOAD_BYTES));
    expect((await huge.closed).code).toBe(1009);

    // The host is still fine.
    expect(await s.call('profile.get', {})).toEqual({ ok: true, value: null });
  });

  it('runs with the engine in its worker process', async () => {
    const h = await host('worker');
    const s = await open(h);
    expect(await s.call('profile.create', { displayName: 'bob' })).toMatchObject({ ok: true });
    expect(await s.nextEvent('profile.updated')).toMatchObject({ displayName: 'bob' });
    expect(h.engine.status).toEqual({ state: 'ready' });
  });

  it('explains what is missing when the renderer is not built', async () => {
    await expect(
      startBrowserHost({ dataDir: tempDir(), rendererDir: tempDir(), engine: 'in-process' }),
    ).rejects.toBeInstanceOf(HostSetupError);
  });

  it('closes the sockets, the engine and the store on close', async () => {
    const dataDir = tempDir();
    const h = await host('worker', dataDir);
    const s = await open(h);
    await s.call('profile.create', { displayName: 'alice' });
    await h.close();
    expect(h.engine.status).toEqual({ state: 'stopped' });
    expect((await s.closed).code).toBe(1001);
    const db = await openDatabase(databasePath(dataDir), { migrations });
    expect((await db.get('SELECT display_name FROM user_profiles'))?.display_name).toBe('alice');
    await db.close();
  });
});
