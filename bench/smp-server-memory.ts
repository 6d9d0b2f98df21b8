// SMP server memory: the peak resident set (VmHWM) of a real server process holding 10,000 queues
// with 10 undelivered full-size messages each (1.6 GB of bodies in SQLite), filled through the
// protocol, and again after a restart that recovers that state from SQLite. Bodies stay on disk;
// memory holds each queue's record and its messages' metadata.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cryptoReady, randomBytes } from '../src/protocol/crypto';
import { maxMessageLength, parseSmpServer, type SmpServer } from '../src/protocol/smp';
import { createQueue, type TestQueue } from '../test/support/smp-queues';
import {
  runSmpServerCli,
  spawnSmpServer,
  type ServerProcess,
} from '../test/support/smp-server-process';
import { SmpRawConnection } from '../test/support/smp-raw-connection';
import type { Suite } from './harness';

const QUEUES = 10_000;
const MESSAGES_PER_QUEUE = 10;
/** Commands in flight on the filling connection (the server's per-connection cap is 256). */
const WINDOW = 200;

interface RunningServer extends ServerProcess {
  readonly server: SmpServer;
}

async function startServer(dataDir: string): Promise<RunningServer> {
  const p = await spawnSmpServer(['--data', dataDir, '--port', '0', '--log-level', 'warn']);
  return { ...p, server: parseSmpServer(p.address) };
}

async function stopServer(p: RunningServer): Promise<void> {
  p.child.kill('SIGTERM');
  await p.exited;
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
    const dataDir = mkdtempSync(path.join(tmpdir(), 'conclave-bench-smp-'));
    try {
      const init = await runSmpServerCli(['init', '--data', dataDir, '--bind', '127.0.0.1']);
      if (init.status !== 0) throw new Error(`server init failed: ${init.stderr}`);
      let running = await startServer(dataDir);
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

      running = await startServer(dataDir);
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
