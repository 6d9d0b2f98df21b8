// SMP server memory: the peak resident set (VmHWM) of a real server process holding 10,000 queues
// with 10 undelivered full-size messages each (1.6 GB of bodies in SQLite), filled through the
// protocol, and again after a restart that recovers that state from SQLite. Bodies stay on disk;
// memory holds each queue's record and its messages' metadata.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { cryptoReady, randomBytes } from '../src/protocol/crypto';
import { maxMessageLength, parseSmpServer, type SmpServer } from '../src/protocol/smp';
import { createQueue, type TestQueue } from '../test/support/smp-queues';
import { SmpRawConnection } from '../test/support/smp-raw-connection';
import type { Suite } from './harness';

const QUEUES = 10_000;
const MESSAGES_PER_QUEUE = 10;
/** Commands in flight on the filling connection (the server's per-connection cap is 256). */
const WINDOW = 200;

const root = path.resolve(import.meta.dirname, '..');

/** Bundles the server CLI from the current sources, as scripts/build.mjs does (without dist/). */
function serverCli(): string {
  const outfile = path.join(root, 'node_modules/.cache/conclave-bench/smp-server-cli.cjs');
  const options = {
    absWorkingDir: root,
    entryPoints: ['src/server/cli.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'sqlite3', 'zstd-napi'],
    logLevel: 'warning',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  const r = spawnSync(
    process.execPath,
    ['-e', `require('esbuild').buildSync(${JSON.stringify(options)})`],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('could not bundle the server CLI');
  return outfile;
}

interface ServerProcess {
  readonly child: ChildProcess;
  readonly server: SmpServer;
}

async function startServer(cli: string, dataDir: string): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [cli, 'start', '--data', dataDir, '--port', '0', '--log-level', 'warn'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const server = await new Promise<SmpServer>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening (smp:\/\/\S+)/.exec(line);
      if (m) resolve(parseSmpServer(m[1]!));
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  return { child, server };
}

async function stopServer(p: ServerProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  p.child.kill('SIGTERM');
  await exited;
}

/** Resident set now and its high-water mark, in MiB, from /proc/<pid>/status. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Runs `task` for 0..count-1 with at most WINDOW running at once. */
async function withWindow(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
}

export const smpServerMemorySuite: Suite = {
  name: 'smp-server-memory',
  description: `SMP server process memory with ${QUEUES.toLocaleString('en-US')} queues × ${MESSAGES_PER_QUEUE} messages`,
  async run(report) {
    await cryptoReady();
    const cli = serverCli();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'conclave-bench-smp-'));
    try {
      const init = spawnSync(
        process.execPath,
        [cli, 'init', '--data', dataDir, '--bind', '127.0.0.1'],
        { stdio: 'ignore' },
      );
      if (init.status !== 0) throw new Error('server init failed');
      let running = await startServer(cli, dataDir);
      const pid = running.child.pid!;
      report('RSS of an idle server', memory(pid).rss, 'MiB');

      const c = await SmpRawConnection.connect({
        port: Number(running.server.port),
        keyHash: running.server.keyHash,
      });
      const queues: TestQueue[] = [];
      await withWindow(QUEUES, async () => {
        queues.push(await createQueue(c));
      });
      report(`RSS with ${QUEUES.toLocaleString('en-US')} empty queues`, memory(pid).rss, 'MiB');
      const body = randomBytes(maxMessageLength(c.version));
      await withWindow(QUEUES * MESSAGES_PER_QUEUE, async (i) => {
        const q = queues[i % QUEUES]!;
        const r = await c.request(
          { type: 'SEND', notification: false, body },
          { entityId: q.senderId },
        );
        if (r.response?.type !== 'OK')
          throw new Error(`SEND answered ${JSON.stringify(r.response)}`);
      });
      c.close();
      const filled = memory(pid);
      report(
        'peak RSS while filling (VmHWM)',
        filled.peak,
        'MiB',
        `${QUEUES * MESSAGES_PER_QUEUE} SENDs of ${body.length} B`,
      );
      report('RSS when filled', filled.rss, 'MiB');
      await stopServer(running);

      running = await startServer(cli, dataDir);
      report(
        'peak RSS after recovering them from SQLite',
        memory(running.child.pid!).peak,
        'MiB',
        'restart',
      );
      await stopServer(running);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
