// The embedded SMP server's runner with real server processes on loopback and real engines: the
// port chosen once and kept, the address handed to engines (in-process and in the worker), a
// killed server started again on the same address with engines reconnecting, and clear errors.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callEngine, type EngineClient } from '../../src/main/engine/host/client';
import { startEngineWorker } from '../../src/main/engine/host/supervisor';
import { forkEngineProcess, type EngineProcess } from '../../src/main/engine/host/transport';
import { silentLogger } from '../../src/main/engine/log';
import { EmbeddedStartError } from '../../src/server/embedded-protocol';
import {
  forkEmbeddedServerProcess,
  provideSmpServer,
  runEmbeddedServer,
  type EmbeddedServerProcess,
  type EmbeddedServerRunner,
  type EmbeddedServerRunnerOptions,
  type EmbeddedServerState,
} from '../../src/server/embedded-runner';
import type { EngineStatus } from '../../src/shared/models/engine';
import { embeddedServerBundle } from '../support/embedded-server-bundle';
import { engineWorkerBundle } from '../support/engine-worker-bundle';
import { connectByInvitation, received, useChatEngines } from './chat-support';

let entryPath = '';
beforeAll(async () => {
  entryPath = await embeddedServerBundle();
});

// Registered before useChatEngines, so that engines stop before the servers they use.
const runners: EmbeddedServerRunner[] = [];
const clients: EngineClient[] = [];
const squatters: Server[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const r of runners.splice(0)) await r.close();
  for (const s of squatters.splice(0)) await new Promise<void>((done) => s.close(() => done()));
});
const t = useChatEngines();

/** A fresh `<app data>/smp-server` (not created yet, as on a first start). */
function serverDir(): string {
  return path.join(t.tempDir(), 'smp-server');
}

function runnerOptions(dataDir: string, processes: EmbeddedServerProcess[] = []) {
  const fork = forkEmbeddedServerProcess(entryPath);
  return {
    dataDir,
    spawn: () => {
      const p = fork();
      processes.push(p);
      return p;
    },
    log: silentLogger,
    restart: { initialDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 },
  } satisfies EmbeddedServerRunnerOptions;
}

/** Runs the embedded server on `dataDir`; `processes` collects each process it spawns. */
async function run(dataDir: string, processes: EmbeddedServerProcess[] = []) {
  const runner = await runEmbeddedServer(runnerOptions(dataDir, processes));
  runners.push(runner);
  return runner;
}

async function stop(runner: EmbeddedServerRunner): Promise<void> {
  await runner.close();
  runners.splice(runners.indexOf(runner), 1);
}

function configuredPort(dataDir: string): number {
  return (JSON.parse(readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as { port: number })
    .port;
}

function nextState(runner: EmbeddedServerRunner, state: EmbeddedServerState): Promise<void> {
  return new Promise((resolve) => {
    const off = runner.onStatus((s) => {
      if (s.state === state) {
        off();
        resolve();
      }
    });
  });
}

/** Holds a loopback port the way another program would. */
async function occupy(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  squatters.push(server);
}

describe('embedded SMP server', () => {
  it('picks a free loopback port on the first start, keeps it in its config, and reuses it', async () => {
    const dataDir = serverDir();
    const first = await run(dataDir);
    expect(first.status).toEqual({ state: 'running' });
    const fingerprint = readFileSync(path.join(dataDir, 'fingerprint'), 'utf8').trim();
    expect(first.address).toBe(`smp://${fingerprint}@127.0.0.1:${first.port}`);
    expect(configuredPort(dataDir)).toBe(first.port);
    await stop(first);
    expect(first.status).toEqual({ state: 'stopped' });

    const second = await run(dataDir);
    expect(second.address).toBe(first.address);
    expect(configuredPort(dataDir)).toBe(first.port);
  });

  it('is the engine’s default server, in-process and in the worker (restarts included)', async () => {
    const server = await run(serverDir());
    const embeddedServer = { address: server.address };
    const expected = {
      useEmbedded: true,
      embedded: { ...embeddedServer, running: true, error: null },
      custom: [],
    };

    const alice = await t.engine('alice', null, { embeddedServer });
    expect(await alice.call('servers.get', {})).toEqual(expected);

    const workers: EngineProcess[] = [];
    const fork = forkEngineProcess(await engineWorkerBundle());
    const worker = await startEngineWorker({
      dataDir: t.tempDir(),
      embeddedServer,
      log: silentLogger,
      workerLogLevel: 'error',
      restart: { initialDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 },
      spawn: () => {
        const p = fork();
        workers.push(p);
        return p;
      },
    });
    clients.push(worker);
    expect(await callEngine(worker, 'servers.get', {})).toEqual(expected);
    const ready = new Promise<void>((resolve) => {
      const off = worker.on('engine.status', (s: EngineStatus) => {
        if (s.state === 'ready') {
          off();
          resolve();
        }
      });
    });
    workers[0]!.kill();
    await ready;
    expect(await callEngine(worker, 'servers.get', {})).toEqual(expected);
    // And it works: the invitation's queue is on the embedded server.
    await callEngine(worker, 'profile.create', { displayName: 'carol', fullName: '', image: null });
    const invitation = await callEngine(worker, 'invitation.create', {});
    expect(decodeURIComponent(invitation.link)).toContain(`127.0.0.1:${server.port}`);
  });

  it('starts a killed server again on the same address; engines reconnect and deliver', async () => {
    const processes: EmbeddedServerProcess[] = [];
    const server = await run(serverDir(), processes);
    const embeddedServer = { address: server.address };
    const alice = await t.engine('alice', null, { embeddedServer });
    const bob = await t.engine('bob', null, { embeddedServer });
    const { ab, ba } = await connectByInvitation(alice, bob);

    const restarting = nextState(server, 'restarting');
    const running = nextState(server, 'running');
    processes[0]!.kill();
    await restarting;
    expect(server.status.reason).toMatch(/stopped \(killed by SIGKILL\)/);
    await running;
    expect(processes).toHaveLength(2);
    expect(server.address).toBe(embeddedServer.address);

    await bob.call('chat.send', { chatId: ba.chatId, text: 'after the restart' });
    await received(alice, ab.chatId, 'after the restart');
    await alice.call('chat.send', { chatId: ab.chatId, text: 'still here' });
    await received(bob, ba.chatId, 'still here');
  });

  it('says clearly that another program holds its port, and does not move', async () => {
    const dataDir = serverDir();
    const first = await run(dataDir);
    await stop(first);
    await occupy(first.port);

    const refused = runEmbeddedServer(runnerOptions(dataDir));
    await expect(refused).rejects.toBeInstanceOf(EmbeddedStartError);
    await expect(refused).rejects.toMatchObject({
      problem: 'PORT_TAKEN',
      message: expect.stringMatching(
        new RegExp(`127\\.0\\.0\\.1:${first.port}: it is in use by another program`),
      ) as unknown,
    });
    expect(configuredPort(dataDir)).toBe(first.port);

    // A host carries on without it: the engine has no embedded server, and settings say so.
    const provided = await provideSmpServer('embedded', () => runnerOptions(dataDir));
    expect(provided).toMatchObject({ server: undefined, runner: undefined });
    expect(provided.failure?.problem).toBe('PORT_TAKEN');
    const alice = await t.engine('alice', null, { embeddedServer: provided.server });
    expect(await alice.call('servers.get', {})).toMatchObject({
      embedded: { address: null, running: false },
    });
  });

  it('lets engines say why it is not running, in-process and in the worker', async () => {
    const dataDir = serverDir();
    const first = await run(dataDir);
    await stop(first);
    await occupy(first.port);
    const provided = await provideSmpServer('embedded', () => runnerOptions(dataDir));
    const why = provided.failure?.message;
    expect(why).toMatch(/it is in use by another program/);
    const expected = { address: null, running: false, error: why };

    const alice = await t.engine('alice', null, { embeddedServerError: why });
    expect((await alice.call('servers.get', {})).embedded).toEqual(expected);
    const worker = await startEngineWorker({
      dataDir: t.tempDir(),
      embeddedServerError: why,
      log: silentLogger,
      workerLogLevel: 'error',
      spawn: forkEngineProcess(await engineWorkerBundle()),
    });
    clients.push(worker);
    expect((await callEngine(worker, 'servers.get', {})).embedded).toEqual(expected);
  });

  it('refuses a damaged data directory with its own error', async () => {
    const dataDir = serverDir();
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'server.json'), '{ not json');
    await expect(runEmbeddedServer(runnerOptions(dataDir))).rejects.toMatchObject({
      problem: 'DATA_DIR',
      message: expect.stringMatching(/data directory .* cannot be used/) as unknown,
    });
  });
});
