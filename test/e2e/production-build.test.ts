// The e2e tests and the UI benchmark drive dist/, so dist/ must be what users run: React's
// production build. A test that builds under vitest (NODE_ENV=test) once left a development build
// there, twice as large and with effects run twice under StrictMode.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeDataDir, startHost, type BrowserHost } from './support/host';

/** Only React's development build carries its hook-misuse warning text. */
const DEVELOPMENT_ONLY = 'Invalid hook call';

let host: BrowserHost;
let dataDir: Awaited<ReturnType<typeof makeDataDir>>;

beforeAll(async () => {
  dataDir = await makeDataDir();
  host = await startHost(dataDir.dir, { smpServer: 'none' });
});

afterAll(async () => {
  await host?.close();
  await dataDir?.remove();
});

it('serves a renderer bundled with React’s production build', async () => {
  const page = await fetch(host.url);
  expect(page.status).toBe(200);
  const html = await page.text();
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const js = await (await fetch(new URL(src, host.url))).text();
    expect(js).toContain('react');
    expect(js.includes(DEVELOPMENT_ONLY)).toBe(false);
  }
});
