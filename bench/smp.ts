// SMP throughput: messages per second through SEND → MSG → ACK over TLS on loopback, with one
// queue and with 100, against a raw TLS echo of 16,384-byte blocks as the ceiling.
//
// Measured as the server runs for users: in a process of its own (this bench bundle, forked in
// the server role, runs startSmpServer as the CLI does), with both clients here, so client and
// server each have a core. The echo server is forked the same way and listens with the SMP
// listener's TLS settings; the echo client connects like the SMP client. Rounds alternate echo
// and SMP figures, so load that comes and goes on a shared machine hits both alike.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { SMP_ALPN, SmpClient, type AuthKey } from '../src/main/engine/smp';
import { connectTls } from '../src/main/engine/smp/tls';
import { cryptoReady, ed25519KeyPair, randomBytes, x25519KeyPair } from '../src/protocol/crypto';
import { toHex } from '../src/protocol/encoding';
import {
  SMP_BLOCK_SIZE,
  maxMessageLength,
  parseSmpServer,
  serializeSmpServer,
  type SmpServer,
} from '../src/protocol/smp';
import { openDataDir, serverAddress } from '../src/server/data-dir';
import { startSmpServer } from '../src/server/start';
import { tlsOptions } from '../src/server/transport/listeners';
import { median, type Suite } from './harness';

const WARMUP_MS = 1000;
const MEASURE_MS = 3000;
/** Each figure is the median of this many rounds. */
const ROUNDS = 3;
/** Unreceived messages per queue: below the server's quota of 128, so SEND never gets QUOTA. */
const PER_QUEUE_WINDOW = 120;
/** Unreceived messages in all: bounds what the server stores at once. */
const TOTAL_WINDOW = 2400;
/** Echo blocks in flight. */
const ECHO_WINDOW = 64;

const authKey = (): AuthKey => ({ algorithm: 'ed25519', privateKey: ed25519KeyPair().privateKey });

/** Counts events and reads the rate over a window that starts once the flow is steady. */
class RateMeter {
  count = 0;
  private reached: (() => void) | undefined;
  private target = 0;

  add(): void {
    this.count++;
    if (this.reached && this.count >= this.target) this.reached();
  }

  /** Stops waiting for the warm-up (the flow failed). */
  abort(): void {
    this.reached?.();
  }

  /** Waits for `warmupCount` events (the pipeline has turned over once) and WARMUP_MS. */
  async measure(warmupCount = 0): Promise<number> {
    if (this.count < warmupCount) {
      this.target = warmupCount;
      await new Promise<void>((resolve) => (this.reached = resolve));
      this.reached = undefined;
    }
    await delay(WARMUP_MS);
    const startCount = this.count;
    const started = performance.now();
    await delay(MEASURE_MS);
    return ((this.count - startCount) * 1000) / (performance.now() - started);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- the server processes ----

/** Set in a forked child: which server it runs (the child runs this suite and nothing else). */
const ROLE_ENV = 'CONCLAVE_BENCH_SMP_ROLE';
const DATA_ENV = 'CONCLAVE_BENCH_SMP_DATA';
type Role = 'smp-server' | 'echo-server';

/** What a child reports once it listens. */
interface Listening {
  readonly address: string;
}

/** The SMP server, started as the CLI starts it. Resolves to its stop function. */
async function serveSmp(
  dataDir: string,
  ready: (l: Listening) => void,
): Promise<() => Promise<void>> {
  const running = await startSmpServer({ dataDir, port: 0, logSink: () => undefined });
  ready({ address: running.address });
  return () => running.stop();
}

/** The ceiling: echoes every byte, with the SMP listener's TLS settings and certificate. */
async function serveEcho(
  dataDir: string,
  ready: (l: Listening) => void,
): Promise<() => Promise<void>> {
  const { identity, config } = await openDataDir(dataDir);
  const server = tls.createServer(
    { ...tlsOptions(identity, config.limits.handshakeTimeoutMs), ALPNProtocols: [SMP_ALPN] },
    (socket) => {
      socket.setNoDelay(true);
      socket.pipe(socket);
    },
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  // An SMP address on the echo's port: the echo client connects as the SMP client does.
  ready({ address: serializeSmpServer(serverAddress(config, identity.keyHash, port)) });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The child side: serve until the parent says stop (or goes away). */
async function runChild(role: Role): Promise<void> {
  const dataDir = process.env[DATA_ENV];
  if (!dataDir) throw new Error(`${DATA_ENV} is not set`);
  await cryptoReady();
  const serve = role === 'smp-server' ? serveSmp : serveEcho;
  const stop = await serve(dataDir, (l) => process.send?.(l));
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.once('disconnect', () => resolve());
  });
  await stop();
}

interface Child {
  readonly server: SmpServer;
  stop(): Promise<void>;
}

/** Forks this bench bundle in `role`; resolves once the child listens. */
async function forkChild(role: Role, dataDir: string): Promise<Child> {
  const bundle = process.argv[1];
  if (!bundle) throw new Error('the bench bundle path is unknown');
  const child: ChildProcess = fork(bundle, ['smp'], {
    env: { ...process.env, [ROLE_ENV]: role, [DATA_ENV]: dataDir },
    // The suite's own report lines are not wanted from a child; its errors are.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [listening] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the ${role} child exited (${String(code)}) before listening`);
    }),
  ])) as [Listening];
  return {
    server: parseSmpServer(listening.address),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---- the ceiling: raw TLS echo ----

async function echoBlocksPerSecond(echo: SmpServer): Promise<number> {
  const client = connectTls(echo);
  await once(client, 'secureConnect');
  const block = randomBytes(SMP_BLOCK_SIZE);
  const meter = new RateMeter();
  let running = true;
  let received = 0;
  client.on('data', (chunk: Buffer) => {
    received += chunk.length;
    while (received >= SMP_BLOCK_SIZE) {
      received -= SMP_BLOCK_SIZE;
      meter.add();
      if (running) client.write(block);
    }
  });
  for (let i = 0; i < ECHO_WINDOW; i++) client.write(block);
  const rate = await meter.measure();
  running = false;
  client.destroy();
  return rate;
}

// ---- SMP: SEND → MSG → ACK ----

interface Flow {
  readonly rcvId: string;
  readonly sndId: Uint8Array;
  readonly sndKey: AuthKey;
  outstanding: number;
}

/**
 * Messages per second through SEND → MSG → ACK over `queueCount` queues: one client sends,
 * pipelined, keeping each queue's window full; another receives and ACKs every message. Both
 * clients run in this process, wherever the server runs (the agent suite reuses this).
 */
export async function smpMessagesPerSecond(
  server: SmpServer,
  queueCount: number,
  bodySize: number,
): Promise<number> {
  const recipient = new SmpClient();
  const sender = new SmpClient();
  try {
    const flows = new Map<string, Flow>();
    const rcvAuth = new Map<string, AuthKey>();
    await Promise.all(
      Array.from({ length: queueCount }, async () => {
        const rcvAuthKey = authKey();
        const q = await recipient.createQueue(server, {
          rcvAuthKey,
          rcvDhPrivateKey: x25519KeyPair().privateKey,
          queueRequest: { mode: 'messaging' },
        });
        const sndKey = authKey();
        await sender.secureSndQueue(server, q.senderId, sndKey);
        const rcvId = toHex(q.recipientId);
        flows.set(rcvId, { rcvId, sndId: q.senderId, sndKey, outstanding: 0 });
        rcvAuth.set(rcvId, rcvAuthKey);
      }),
    );

    const body = randomBytes(bodySize);
    const meter = new RateMeter();
    let running = true;
    let failure: Error | undefined;
    const fail = (e: unknown) => {
      failure ??= e instanceof Error ? e : new Error('SMP command failed');
      running = false;
      meter.abort();
    };
    let drained: () => void = () => undefined;
    const allDrained = new Promise<void>((resolve) => (drained = resolve));
    let inFlight = 0;
    const window = Math.min(PER_QUEUE_WINDOW, Math.floor(TOTAL_WINDOW / queueCount));

    // Keeps a queue's window full; the recipient's ACKs open it again.
    const pump = (flow: Flow) => {
      while (running && flow.outstanding < window) {
        flow.outstanding++;
        inFlight++;
        sender.send(server, flow.sndId, flow.sndKey, body).catch(fail);
      }
    };
    recipient.events.on('message', (m) => {
      const id = toHex(m.rcvId);
      const flow = flows.get(id)!;
      flow.outstanding--;
      inFlight--;
      meter.add();
      recipient.ack(server, m.rcvId, rcvAuth.get(id)!, m.msgId).catch(fail);
      if (running) pump(flow);
      else if (inFlight === 0) drained();
    });
    for (const flow of flows.values()) pump(flow);
    const rate = await meter.measure(window * queueCount);
    running = false;
    // Let every message sent arrive, so the next figure starts from empty queues.
    if (inFlight > 0 && !failure) await allDrained;
    if (failure) throw failure;
    return rate;
  } finally {
    recipient.close();
    sender.close();
  }
}

async function measureAll(report: Parameters<Suite['run']>[0]): Promise<void> {
  await cryptoReady();
  const load = loadavg()[0] ?? 0;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'conclave-bench-smp-'));
  const children: Child[] = [];
  try {
    // The SMP server sets the data directory up; the echo server reuses its certificate.
    const smp = await forkChild('smp-server', dataDir);
    children.push(smp);
    const echo = await forkChild('echo-server', dataDir);
    children.push(echo);
    // Agent messages are padded to a fixed size, so real SMP traffic is full-size messages.
    const size = maxMessageLength(18);
    const rounds = { echo: [] as number[], one: [] as number[], hundred: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      rounds.echo.push(await echoBlocksPerSecond(echo.server));
      rounds.one.push(await smpMessagesPerSecond(smp.server, 1, size));
      rounds.hundred.push(await smpMessagesPerSecond(smp.server, 100, size));
    }
    const how = `median of ${ROUNDS}; servers in child processes`;
    const [echoRate, one, hundred] = [rounds.echo, rounds.one, rounds.hundred].map(median) as [
      number,
      number,
      number,
    ];
    report(
      'raw TLS echo, 16,384-byte blocks (ceiling)',
      echoRate,
      'blocks/s',
      `${ECHO_WINDOW} in flight, ${how}`,
    );
    report(`SEND → MSG → ACK, 1 queue, ${size}-byte bodies`, one, 'msg/s', how);
    report(`SEND → MSG → ACK, 100 queues, ${size}-byte bodies`, hundred, 'msg/s', how);
    report('ratio, 1 queue / echo', one / echoRate, 'x', 'target >= 0.4');
    report('ratio, 100 queues / echo', hundred / echoRate, 'x', 'target >= 0.4');
    report(
      'machine load (1-minute average) at the start',
      load,
      '',
      `${availableParallelism()} cores, shared`,
    );
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const smpSuite: Suite = {
  name: 'smp',
  description:
    'SEND → MSG → ACK over TLS on loopback vs a raw TLS echo of 16 KB blocks (server and echo in child processes)',
  run(report) {
    // A forked child of this suite serves instead of measuring.
    const role = process.env[ROLE_ENV];
    if (role === 'smp-server' || role === 'echo-server') return runChild(role);
    return measureAll(report);
  },
};
