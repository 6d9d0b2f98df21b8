// The browser host's SMP server choices with real processes: by default it runs the embedded
// server (in its own process, data under <data>/smp-server) and its engine uses it; it can be
// handed a running server or none; a server that cannot start is reported, not fatal. And
// `npm run web` comes up with the embedded server and prints the address to open.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/engine/log';
import {
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from '../../src/main/host/server';
import { startSmpServer, type RunningSmpServer } from '../../src/server/start';
import { embeddedServerBundle } from '../support/embedded-server-bundle';
import { engineWorkerBundle } from '../support/engine-worker-bundle';
import { spawnUntilLine } from '../support/spawn-until-line';
import { useTempDirs } from '../support/temp-dir';
import { connect, type TestSocket } from '../support/ws-client';

const root = path.resolve(import.meta.dirname, '../..');
const tempDir = useTempDirs();
const hosts: BrowserHost[] = [];
const sockets: TestSocket[] = [];
const servers: RunningSmpServer[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const h of hosts.splice(0)) await h.close();
  for (const s of servers.splice(0)) await s.stop();
});

function rendererDir(): string {
  const dir = path.join(tempDir(), 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Conclave</title>');
  return dir;
}

/** A host with this project's bundles built from source, otherwise with its defaults. */
async function host(
  dataDir = tempDir(),
  options: Partial<BrowserHostOptions> = {},
): Promise<BrowserHost> {
  const h = await startBrowserHost({
    dataDir,
    rendererDir: rendererDir(),
    workerPath: await engineWorkerBundle(),
    embeddedServerPath: await embeddedServerBundle(),
    log: silentLogger,
    ...options,
  });
  hosts.push(h);
  return h;
}

async function open(h: BrowserHost): Promise<TestSocket> {
  const s = await connect(
    `ws://127.0.0.1:${h.port}/ipc?token=${encodeURIComponent(h.token)}`,
    `http://127.0.0.1:${h.port}`,
  );
  sockets.push(s);
  return s;
}

/** Whether nothing listens on the loopback port any more (the process that did has stopped). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('browser host: SMP server', () => {
  it('runs the embedded server by default, and its engine puts queues on it', async () => {
    const dataDir = tempDir();
    const h = await host(dataDir);
    const server = h.embeddedServer!;
    expect(server.status).toEqual({ state: 'running' });
    const config = JSON.parse(
      readFileSync(path.join(dataDir, 'smp-server', 'server.json'), 'utf8'),
    ) as { port: number };
    expect(config.port).toBe(server.port);

    const s = await open(h);
    expect(await s.call('servers.get', {})).toEqual({
      ok: true,
      value: {
        useEmbedded: true,
        embedded: { address: server.address, running: true, error: null },
        custom: [],
      },
    });
    await s.call('profile.create', { displayName: 'alice' });
    const invitation = await s.call('invitation.create', {});
    expect(invitation.ok).toBe(true);
    const link = (invitation as { value: { link: string } }).value.link;
    expect(decodeURIComponent(link)).toContain(`127.0.0.1:${server.port}`);

    // Closing stops the engine, then the server; the next host gets the same address.
    await h.close();
    expect(h.engine.status).toEqual({ state: 'stopped' });
    expect(server.status).toEqual({ state: 'stopped' });
    expect(await portIsFree(server.port)).toBe(true);
    const again = await host(dataDir);
    expect(again.embeddedServer?.address).toBe(server.address);
  });

  it('hands the engine a running server, or none', async () => {
    const smp = await startSmpServer({ dataDir: tempDir(), port: 0, logSink: () => {} });
    servers.push(smp);
    const given = await host(tempDir(), {
      engine: 'in-process',
      smpServer: { address: smp.address },
    });
    expect(given.embeddedServer).toBeUndefined();
    expect(await (await open(given)).call('servers.get', {})).toMatchObject({
      ok: true,
      value: { embedded: { address: smp.address, running: true } },
    });

    const none = await host(tempDir(), { smpServer: 'none' });
    expect(none.embeddedServer).toBeUndefined();
    expect(await (await open(none)).call('servers.get', {})).toMatchObject({
      ok: true,
      value: { embedded: { address: null, running: false } },
    });
  });

  it('serves without the embedded server when its port is taken, and says why', async () => {
    const dataDir = tempDir();
    const first = await host(dataDir, { engine: 'in-process' });
    const port = first.embeddedServer!.port;
    await first.close();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', () => resolve()));
    try {
      const h = await host(dataDir, { engine: 'in-process' });
      expect(h.embeddedServer).toBeUndefined();
      expect(h.embeddedServerFailure).toMatchObject({ problem: 'PORT_TAKEN' });
      expect(h.embeddedServerFailure?.message).toContain(`127.0.0.1:${port}`);
      const view = await (await open(h)).call('servers.get', {});
      expect(view).toMatchObject({
        ok: true,
        value: { embedded: { address: null, running: false } },
      });
      // The reason reaches the settings too.
      expect(view).toMatchObject({
        value: { embedded: { error: h.embeddedServerFailure?.message } },
      });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('`npm run web` builds, starts the embedded server and prints the address to open', async () => {
    const dataDir = tempDir();
    let smp = '';
    const {
      child,
      exited,
      ready: url,
    } = await spawnUntilLine(
      [path.join(root, 'scripts/start.mjs'), '--web', '--', '--data', dataDir],
      (line) => {
        smp = /^ {2}smp server: (smp:\/\/\S+) \(embedded\)$/.exec(line)?.[1] ?? smp;
        return /^ {2}open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/.exec(line)?.[1];
      },
    );

    const port = Number(/:(\d+)$/.exec(smp)?.[1]);
    const config = JSON.parse(
      readFileSync(path.join(dataDir, 'smp-server', 'server.json'), 'utf8'),
    ) as { port: number };
    expect(config.port).toBe(port);
    expect(await portIsFree(port)).toBe(false);
    const page = await fetch(url.replace(/#.*$/, ''));
    expect(page.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await portIsFree(port)).toBe(true);
  });
});
