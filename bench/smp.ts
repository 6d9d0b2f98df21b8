// SMP throughput: messages per second through SEND → MSG → ACK over TLS on loopback, with one
// queue and with 100, against a raw TLS echo of 16,384-byte blocks as the ceiling.
//
// Measured as users run the server: the CLI (bundled from the current sources) in a process of
// its own, with both clients here, so client and server each have a core. The echo server is a
// child process too (this bench bundle, forked in the echo role) and listens with the SMP
// listener's TLS settings and certificate; the echo client connects as the SMP client does.
// Rounds alternate echo and SMP figures, so load that comes and goes on a shared machine hits
// both alike. CPU per message, from each process's counters, says where the time goes.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { tlsOptions } from '../src/server/transport/listeners';
import { removeBundle } from '../test/support/bundle-entry';
import { runSmpServerCli, spawnSmpServer } from '../test/support/smp-server-process';
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

interface Measured {
  readonly events: number;
  readonly perSecond: number;
}

interface MeasuredWindow {
  open(): void;
  close(): void;
}

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

  /**
   * Waits for `warmupCount` events (the pipeline has turned over once) and WARMUP_MS, then counts
   * for MEASURE_MS; `around` is told when that window opens and closes.
   */
  async measure(warmupCount = 0, around?: MeasuredWindow): Promise<Measured> {
    if (this.count < warmupCount) {
      this.target = warmupCount;
      await new Promise<void>((resolve) => (this.reached = resolve));
      this.reached = undefined;
    }
    await delay(WARMUP_MS);
    const startCount = this.count;
    const started = performance.now();
    around?.open();
    await delay(MEASURE_MS);
    around?.close();
    const events = this.count - startCount;
    return { events, perSecond: (events * 1000) / (performance.now() - started) };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- the server processes ----

/** Set in the forked echo server: this suite then serves instead of measuring. */
const ECHO_ENV = 'CONCLAVE_BENCH_SMP_ECHO_DATA';

/** The ceiling's server: echoes every byte, with the SMP listener's TLS settings and certificate. */
async function serveEcho(dataDir: string): Promise<void> {
  await cryptoReady();
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
  process.send?.(serializeSmpServer(serverAddress(config, identity.keyHash, port)));
  // Until the parent says stop, or is gone.
  await Promise.race([once(process, 'message'), once(process, 'disconnect')]);
  server.close();
}

export interface Child {
  readonly server: SmpServer;
  /** CPU time (user + system) the process has used so far, in µs. */
  cpuMicros(): number;
  stop(): Promise<void>;
}

/** The SMP server as users run it: the CLI, bundled from the current sources. */
export async function startSmpServerProcess(dataDir: string): Promise<Child> {
  const init = await runSmpServerCli(['init', '--data', dataDir, '--bind', '127.0.0.1']);
  if (init.status !== 0) throw new Error(`server init failed: ${init.stderr}`);
  const p = await spawnSmpServer(['--data', dataDir, '--port', '0', '--log-level', 'warn']);
  return {
    server: parseSmpServer(p.address),
    cpuMicros: () => processCpuMicros(p.child.pid),
    async stop() {
      p.child.kill('SIGTERM');
      await p.exited;
    },
  };
}

/** The echo server: this bench bundle forked with the echo role. */
async function startEchoProcess(dataDir: string): Promise<Child> {
  const bundle = process.argv[1];
  if (!bundle) throw new Error('the bench bundle path is unknown');
  const child = fork(bundle, ['smp'], {
    env: { ...process.env, [ECHO_ENV]: dataDir },
    // The suite's own report lines are not wanted from the child; its errors are.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const [address] = (await Promise.race([
    once(child, 'message'),
    exited.then(([code]) => {
      throw new Error(`the echo server exited (${String(code)}) before listening`);
    }),
  ])) as [string];
  return {
    server: parseSmpServer(address),
    cpuMicros: () => processCpuMicros(child.pid),
    async stop() {
      if (child.exitCode !== null) return;
      child.send('stop');
      await exited;
    },
  };
}

/** CPU time (user + system) of a process so far, in µs: this one, or a child (from /proc). */
function processCpuMicros(pid?: number): number {
  if (pid === undefined) {
    const { user, system } = process.cpuUsage();
    return user + system;
  }
  try {
    // Fields after "(name) ": state is the 3rd field of the line, utime the 14th, stime the 15th,
    // in ticks of 1/100 s.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN; // not Linux
  }
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
  const { perSecond } = await meter.measure();
  running = false;
  client.destroy();
  return perSecond;
}

// ---- SMP: SEND → MSG → ACK ----

interface Flow {
  readonly rcvId: string;
  readonly sndId: Uint8Array;
  readonly sndKey: AuthKey;
  outstanding: number;
}

/** CPU time used so far (µs) by the clients' process and by the server's. */
interface CpuProbe {
  client(): number;
  server(): number;
}

interface FlowFigures {
  readonly perSecond: number;
  /** CPU µs per message over the measured window, when a probe was given. */
  readonly cpuPerMessage?: { readonly client: number; readonly server: number };
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
  return (await smpFlow(server, queueCount, bodySize)).perSecond;
}

async function smpFlow(
  server: SmpServer,
  queueCount: number,
  bodySize: number,
  cpu?: CpuProbe,
): Promise<FlowFigures> {
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
    let client = 0;
    let serverCpu = 0;
    const measured = await meter.measure(window * queueCount, {
      open() {
        client = -(cpu?.client() ?? 0);
        serverCpu = -(cpu?.server() ?? 0);
      },
      close() {
        client += cpu?.client() ?? 0;
        serverCpu += cpu?.server() ?? 0;
      },
    });
    running = false;
    // Let every message sent arrive, so the next figure starts from empty queues.
    if (inFlight > 0 && !failure) await allDrained;
    if (failure) throw failure;
    const n = measured.events;
    return {
      perSecond: measured.perSecond,
      ...(cpu && { cpuPerMessage: { client: client / n, server: serverCpu / n } }),
    };
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
    const smp = await startSmpServerProcess(dataDir);
    children.push(smp);
    // The echo server uses the certificate the SMP server's init made.
    const echo = await startEchoProcess(dataDir);
    children.push(echo);
    const cpu: CpuProbe = { client: () => processCpuMicros(), server: () => smp.cpuMicros() };
    // Agent messages are padded to a fixed size, so real SMP traffic is full-size messages.
    const size = maxMessageLength(18);
    const echoRates: number[] = [];
    const flows: Record<1 | 100, FlowFigures[]> = { 1: [], 100: [] };
    for (let i = 0; i < ROUNDS; i++) {
      echoRates.push(await echoBlocksPerSecond(echo.server));
      for (const queues of [1, 100] as const) {
        flows[queues].push(await smpFlow(smp.server, queues, size, cpu));
      }
    }
    const how = `median of ${ROUNDS}; server (CLI) and echo in child processes`;
    const echoRate = median(echoRates);
    report(
      'raw TLS echo, 16,384-byte blocks (ceiling)',
      echoRate,
      'blocks/s',
      `${ECHO_WINDOW} in flight, ${how}`,
    );
    for (const queues of [1, 100] as const) {
      const figures = flows[queues];
      const rate = median(figures.map((f) => f.perSecond));
      const name = `${queues} ${queues === 1 ? 'queue' : 'queues'}`;
      report(`SEND → MSG → ACK, ${name}, ${size}-byte bodies`, rate, 'msg/s', how);
      report(`ratio, ${name} / echo`, rate / echoRate, 'x', 'target >= 0.4');
      const perMessage = (side: 'client' | 'server') =>
        median(figures.map((f) => f.cpuPerMessage?.[side] ?? NaN));
      report(`  CPU per message, server process (${name})`, perMessage('server'), 'µs');
      report(`  CPU per message, both clients' process (${name})`, perMessage('client'), 'µs');
    }
    report(
      'machine load (1-minute average) at the start',
      load,
      '',
      `${availableParallelism()} cores, shared`,
    );
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await removeBundle('smp-server-cli');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const smpSuite: Suite = {
  name: 'smp',
  description:
    'SEND → MSG → ACK over TLS on loopback vs a raw TLS echo of 16 KB blocks (server and echo in child processes)',
  run(report) {
    // The forked echo server runs this suite too, and serves instead of measuring.
    const echoData = process.env[ECHO_ENV];
    return echoData ? serveEcho(echoData) : measureAll(report);
  },
};
