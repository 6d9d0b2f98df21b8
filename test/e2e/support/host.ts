// Browser hosts for the e2e tests: the real host (HTTP + WebSocket bridge) with the real engine in
// its worker, over a data directory the test owns. Closing a host stops the engine and closes
// SQLite, so the next host on the same directory reads only what was committed to disk.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHostOptions } from '../../../src/main/host/server';
import { startSmpServer, type RunningSmpServer } from '../../../src/server/start';

export type BrowserHost = Awaited<ReturnType<typeof startBrowserHost>>;

/** A host with its engine in a worker, as in the app; `smpServer` shares one server between hosts. */
export function startHost(
  dataDir: string,
  options: Pick<BrowserHostOptions, 'smpServer'> = {},
): Promise<BrowserHost> {
  return startBrowserHost({ dataDir, engine: 'worker', ...options });
}

/** One real SMP server on 127.0.0.1 (any free port), for hosts that talk to each other. */
export function startTestSmpServer(dataDir: string): Promise<RunningSmpServer> {
  return startSmpServer({ dataDir, port: 0, logSink: () => {} });
}

export async function makeDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'conclave-e2e-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The process id of the engine worker that this test process's host forked (there must be exactly
 * one), so a test can crash it the way a real fault would.
 */
export function engineWorkerPid(): number {
  const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  const workers = children
    .split('\n')
    .filter((line) => line.includes('engine-worker'))
    .map((line) => Number.parseInt(line.trim(), 10));
  if (workers.length !== 1 || !Number.isInteger(workers[0])) {
    throw new Error(`expected one engine worker, found: ${children}`);
  }
  return workers[0]!;
}
