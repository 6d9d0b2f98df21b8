// SMP throughput: messages per second through SEND → MSG → ACK over TLS on loopback, with one
// queue and with 100, against a raw TLS echo of 16,384-byte blocks with the same TLS settings as
// the ceiling. Client and server run in this one process (one thread does both ends, for the
// SMP figures and the echo alike), so the ratio compares like with like.
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { SMP_ALPN, SMP_TLS_SETTINGS, SmpClient, type AuthKey } from '../src/main/engine/smp';
import { cryptoReady, ed25519KeyPair, randomBytes, x25519KeyPair } from '../src/protocol/crypto';
import { toHex } from '../src/protocol/encoding';
import { SMP_BLOCK_SIZE, maxMessageLength, type SmpServer } from '../src/protocol/smp';
import { openDataDir } from '../src/server/data-dir';
import { startSmpServer } from '../src/server/start';
import type { Suite } from './harness';

const WARMUP_MS = 1000;
const MEASURE_MS = 4000;
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

// ---- the ceiling: raw TLS echo ----

async function echoBlocksPerSecond(dataDir: string): Promise<number> {
  const { identity } = await openDataDir(dataDir);
  // The SMP listener's settings: TLS 1.3, ChaCha20-Poly1305, X25519, ALPN smp/1, no Nagle.
  const server = tls.createServer(
    {
      key: identity.keyPem,
      cert: identity.certChainPem,
      minVersion: 'TLSv1.3',
      ciphers: 'TLS_CHACHA20_POLY1305_SHA256',
      ecdhCurve: 'X25519',
      ALPNProtocols: [SMP_ALPN],
    },
    (socket) => {
      socket.setNoDelay(true);
      socket.pipe(socket);
    },
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = tls.connect({
    ...SMP_TLS_SETTINGS,
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    ALPNProtocols: [SMP_ALPN],
    rejectUnauthorized: false,
  });
  await once(client, 'secureConnect');
  client.setNoDelay(true);

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
  server.close();
  return rate;
}

// ---- SMP: SEND → MSG → ACK ----

interface Flow {
  readonly rcvId: string;
  readonly sndId: Uint8Array;
  readonly sndKey: AuthKey;
  outstanding: number;
}

/** Messages per second through SEND → MSG → ACK over `queueCount` queues (the agent suite reuses it). */
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

export const smpSuite: Suite = {
  name: 'smp',
  description:
    'SEND → MSG → ACK over TLS on loopback vs a raw TLS echo of 16 KB blocks (one process, one thread)',
  async run(report) {
    await cryptoReady();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'conclave-bench-smp-'));
    const running = await startSmpServer({ dataDir, port: 0, logSink: () => undefined });
    try {
      const echo = await echoBlocksPerSecond(dataDir);
      report(
        'raw TLS echo, 16,384-byte blocks (ceiling)',
        echo,
        'blocks/s',
        `${ECHO_WINDOW} in flight`,
      );
      // Agent messages are padded to a fixed size, so real SMP traffic is full-size messages.
      const size = maxMessageLength(18);
      const one = await smpMessagesPerSecond(running.server, 1, size);
      report(`SEND → MSG → ACK, 1 queue, ${size}-byte bodies`, one, 'msg/s');
      const hundred = await smpMessagesPerSecond(running.server, 100, size);
      report(`SEND → MSG → ACK, 100 queues, ${size}-byte bodies`, hundred, 'msg/s');
      report('ratio, 1 queue / echo', one / echo, 'x', 'target >= 0.4');
      report('ratio, 100 queues / echo', hundred / echo, 'x', 'target >= 0.4');
    } finally {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
