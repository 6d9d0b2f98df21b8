// The SMP server fuzzer: random and mutated input at every layer a client controls, over many
// connections, while a well-behaved client keeps using the server.
//
// - transmissions (most inputs): valid commands for the connection's own queues, mutated or
//   not, batched into correctly encrypted blocks; every one must be answered (ERR or a result),
//   and the connection must stay open;
// - batches: mutated batch payloads inside correctly encrypted blocks (ERR BLOCK expected);
// - blocks: random, plaintext or corrupted ciphertext blocks (the server closes that connection);
// - handshakes: mutated client hellos and junk before the handshake.
// The server must never crash, and the other client must work at the end. `runSmpServerFuzz` is
// the entry of `npm run fuzz -- smp-server`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { cryptoReady, randomBytes } from '../../src/protocol/crypto';
import {
  ENCRYPTED_BLOCK_PADDED_SIZE,
  SMP_BLOCK_SIZE,
  decodeBatch,
  decodeTransmission,
  encodeBatch,
  encodeClientHello,
  padBlock,
} from '../../src/protocol/smp';
import { startSmpServer } from '../../src/server/start';
import { int, mutate, pick, prng, type Random } from './mutate';
import { TransmissionCorpus } from './smp-fuzz-inputs';
import { createQueue, expectResponse, messageText, recipientRequest, sendTo } from './smp-queues';
import { SmpRawConnection, type Received } from './smp-raw-connection';

export interface FuzzTarget {
  readonly port: number;
  readonly keyHash: Uint8Array;
  readonly wsPort?: number | undefined;
}

export interface SmpFuzzOptions {
  /** Inputs to send (transmissions, batches, blocks and handshakes together). */
  readonly iterations: number;
  readonly seed?: number;
  /** Called now and then with the inputs sent so far. */
  readonly progress?: (done: number) => void;
}

export interface SmpFuzzStats {
  inputs: number;
  transmissions: number;
  mutatedBatches: number;
  badBlocks: number;
  handshakes: number;
  responses: number;
  connections: number;
}

export class SmpFuzzFailure extends Error {
  override readonly name = 'SmpFuzzFailure';
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ROUND_TIMEOUT_MS = 30_000;

/** One fuzzing connection and the responses it still waits for (by corrId; '' = no corrId). */
class FuzzConnection {
  private readonly outstanding = new Map<string, number>();
  private remaining = 0;
  private settle: (() => void) | undefined;
  responses = 0;
  /** Answers no correct server gives. */
  readonly faults: string[] = [];

  constructor(
    readonly conn: SmpRawConnection,
    readonly corpus: TransmissionCorpus,
  ) {
    conn.listen((r) => this.receive(r));
  }

  /** Sends a batch payload and resolves once every transmission in it was answered. */
  async round(payload: Uint8Array, what: string): Promise<void> {
    for (const key of this.expectedCorrIds(payload)) {
      this.outstanding.set(key, (this.outstanding.get(key) ?? 0) + 1);
      this.remaining++;
    }
    const answered = new Promise<void>((resolve) => (this.settle = resolve));
    this.conn.sendPayload(payload);
    let timer: NodeJS.Timeout | undefined;
    const failure = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SmpFuzzFailure(`no answer to ${this.remaining} transmissions (${what})`)),
        ROUND_TIMEOUT_MS,
      );
      void this.conn.closed.then(() =>
        reject(new SmpFuzzFailure(`the server closed a connection on ${what}`)),
      );
    });
    failure.catch(() => undefined);
    if (this.remaining > 0) await Promise.race([answered, failure]);
    clearTimeout(timer);
    if (this.faults.length > 0) throw new SmpFuzzFailure(`${this.faults[0]!} answering ${what}`);
  }

  /** What the server must answer, predicted with the same codecs: one response per transmission. */
  private expectedCorrIds(payload: Uint8Array): string[] {
    const params = { version: this.conn.version, sessionId: this.conn.sessionId };
    let transmissions: Uint8Array[];
    try {
      transmissions = decodeBatch(payload);
    } catch {
      return [''];
    }
    return transmissions.map((t) => {
      try {
        return hex(decodeTransmission(params, t).corrId);
      } catch {
        return '';
      }
    });
  }

  private receive(r: Received): void {
    this.responses++;
    // ERR INTERNAL means an exception escaped a handler: a bug, not a refusal.
    if (!r.response || (r.response.type === 'ERR' && r.response.error.type === 'INTERNAL')) {
      this.faults.push(r.response ? 'ERR INTERNAL' : 'an unparsable response');
    }
    if (r.response?.type === 'IDS') this.corpus.learn(r.corrId, r.response);
    // Events (MSG, END, DELD) carry no corrId and may stand in for an expected ERR BLOCK;
    // responses with a corrId are matched exactly.
    const key = hex(r.corrId);
    const n = this.outstanding.get(key) ?? 0;
    if (n === 0) return;
    if (n === 1) this.outstanding.delete(key);
    else this.outstanding.set(key, n - 1);
    if (--this.remaining === 0) this.settle?.();
  }
}

function limitPayload(p: Uint8Array): Uint8Array {
  return p.length + 2 > ENCRYPTED_BLOCK_PADDED_SIZE
    ? p.subarray(0, ENCRYPTED_BLOCK_PADDED_SIZE - 2)
    : p;
}

/** A batch of mutated (and some valid) transmissions that fits one block. */
function transmissionBatch(rnd: Random, corpus: TransmissionCorpus): Uint8Array[] {
  const batch: Uint8Array[] = [];
  let size = 0;
  const count = 1 + int(rnd, 200);
  let previous = corpus.next();
  while (batch.length < count) {
    const base = corpus.next();
    const t = rnd() < 0.2 ? base : mutate(rnd, base, previous);
    previous = base;
    if (size + t.length + 2 > ENCRYPTED_BLOCK_PADDED_SIZE - 3) break;
    batch.push(t);
    size += t.length + 2;
  }
  return batch.length > 0 ? batch : [corpus.next()];
}

/** Junk before (or instead of) a client hello, on a raw TLS connection. */
async function fuzzHandshake(rnd: Random, target: FuzzTarget): Promise<void> {
  const socket = tls.connect({
    host: '127.0.0.1',
    port: target.port,
    ALPNProtocols: ['smp/1'],
    rejectUnauthorized: false,
  });
  socket.on('error', () => undefined);
  // Reads (and drops) the server hello: an unread stream would never report its end.
  socket.resume();
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => {
    socket.once('secureConnect', () => resolve());
    socket.once('close', () => resolve());
  });
  const hello = encodeClientHello({
    version: 18,
    keyHash: target.keyHash,
    clientKey: randomBytes(32),
    proxyServer: false,
  });
  const input = pick(rnd, [
    () => mutate(rnd, hello.subarray(0, 120)).slice(0, SMP_BLOCK_SIZE),
    () => {
      const b = hello.slice();
      b[int(rnd, 80)] = int(rnd, 256);
      return b;
    },
    () => randomBytes(SMP_BLOCK_SIZE),
    () => randomBytes(int(rnd, SMP_BLOCK_SIZE)),
    () => padBlock(mutate(rnd, hello.subarray(0, 90))),
  ])();
  if (!socket.destroyed) socket.end(input);
  await closed;
}

async function connect(target: FuzzTarget, rnd: Random, useWs: boolean): Promise<FuzzConnection> {
  const conn = await SmpRawConnection.connect({
    port: useWs ? target.wsPort! : target.port,
    keyHash: target.keyHash,
    transport: useWs ? 'ws' : 'tls',
  });
  return new FuzzConnection(conn, new TransmissionCorpus(rnd, conn));
}

/** The well-behaved client: a full NEW, SEND, SUB, MSG, ACK cycle must work. */
async function checkWellBehaved(target: FuzzTarget): Promise<void> {
  const c = await SmpRawConnection.connect({ port: target.port, keyHash: target.keyHash });
  try {
    expectResponse(await c.request({ type: 'PING' }), 'PONG');
    const q = await createQueue(c);
    expectResponse(await sendTo(c, q, 'still here'), 'OK');
    expectResponse(await recipientRequest(c, q, { type: 'SUB' }), 'SOK');
    if (messageText(q, await c.nextEvent()) !== 'still here')
      throw new SmpFuzzFailure('wrong message');
  } finally {
    c.close();
  }
}

export async function fuzzSmpServer(target: FuzzTarget, o: SmpFuzzOptions): Promise<SmpFuzzStats> {
  const rnd = prng(o.seed ?? 1);
  const stats: SmpFuzzStats = {
    inputs: 0,
    transmissions: 0,
    mutatedBatches: 0,
    badBlocks: 0,
    handshakes: 0,
    responses: 0,
    connections: 0,
  };
  let current: FuzzConnection | undefined;
  let rounds = 0;
  const fresh = async () => {
    if (current) stats.responses += current.responses;
    current?.conn.close();
    stats.connections++;
    current = await connect(target, rnd, target.wsPort !== undefined && rnd() < 0.1);
    return current;
  };
  try {
    let c = await fresh();
    while (stats.inputs < o.iterations) {
      const roll = rnd();
      if (roll < 0.03) {
        await fuzzHandshake(rnd, target);
        stats.handshakes++;
        stats.inputs++;
      } else if (roll < 0.06) {
        // A block that cannot be opened: the server must close this connection (only).
        const valid = encodeBatch([c.corpus.next()]);
        c.conn.sendRawBlock(
          pick(rnd, [() => randomBytes(SMP_BLOCK_SIZE), () => padBlock(valid)])(),
        );
        await c.conn.closed;
        stats.badBlocks++;
        stats.inputs++;
        c = await fresh();
      } else if (roll < 0.2) {
        const payload = limitPayload(mutate(rnd, encodeBatch(transmissionBatch(rnd, c.corpus))));
        await c.round(payload, `round ${rounds} (mutated batch)`);
        stats.mutatedBatches++;
        stats.inputs++;
      } else {
        const batch = transmissionBatch(rnd, c.corpus);
        await c.round(encodeBatch(batch), `round ${rounds} (${batch.length} transmissions)`);
        stats.transmissions += batch.length;
        stats.inputs += batch.length;
      }
      if (++rounds % 100 === 0) {
        o.progress?.(stats.inputs);
        // Fresh queues now and then, so the corpus keeps creating state.
        if (rnd() < 0.3) c = await fresh();
      }
    }
    await checkWellBehaved(target);
  } finally {
    if (current) stats.responses += current.responses;
    current?.conn.close();
  }
  return stats;
}

/** `npm run fuzz -- smp-server`: a server in a temporary directory, fuzzed on TLS and WebSocket. */
export async function runSmpServerFuzz(o: {
  iterations: number;
  seed?: number;
}): Promise<SmpFuzzStats> {
  await cryptoReady();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'conclave-fuzz-'));
  const server = await startSmpServer({
    dataDir,
    port: 0,
    wsPort: 0,
    host: '127.0.0.1',
    logLevel: 'error',
  });
  try {
    let last = 0;
    return await fuzzSmpServer(
      { port: server.port, keyHash: server.server.keyHash, wsPort: server.wsPort },
      {
        ...o,
        progress: (done) => {
          if (done - last >= 100_000)
            console.log(`  ${(last = done).toLocaleString('en-US')} inputs`);
        },
      },
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
