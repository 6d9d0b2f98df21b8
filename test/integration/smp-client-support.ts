// Shared by the SMP client integration tests: a real server in a temp dir, clients that are
// closed after each test, fresh queue keys, and events awaited in order (never slept for).
import { afterEach } from 'vitest';
import { cryptoReady, ed25519KeyPair, x25519KeyPair } from '../../src/protocol/crypto';
import {
  SmpClient,
  SmpClientError,
  type AuthKey,
  type SmpClientEvents,
  type SmpClientOptions,
} from '../../src/main/engine/smp';
import { startSmpServer, type StartSmpServerOptions } from '../../src/server/start';
import { useTempDirs } from '../support/temp-dir';

export type RunningServer = Awaited<ReturnType<typeof startSmpServer>>;

/** Starts servers and clients for a test and stops them after it. */
export function useSmp() {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  const clients: SmpClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  return {
    tempDir,
    async server(o: Partial<StartSmpServerOptions> = {}): Promise<RunningServer> {
      await cryptoReady();
      const s = await startSmpServer({ dataDir: tempDir(), port: 0, logSink: () => {}, ...o });
      servers.push(s);
      return s;
    },
    client(o: SmpClientOptions = {}): SmpClient {
      const c = new SmpClient({
        commandTimeoutMs: 10_000,
        backoff: { initialMs: 20, maxMs: 200 },
        ...o,
      });
      clients.push(c);
      return c;
    },
  };
}

export function ed25519AuthKey(): AuthKey {
  return { algorithm: 'ed25519', privateKey: ed25519KeyPair().privateKey };
}

export function x25519AuthKey(): AuthKey {
  return { algorithm: 'x25519', privateKey: x25519KeyPair().privateKey };
}

export function recipientKeys(auth: AuthKey = ed25519AuthKey()) {
  return { rcvAuthKey: auth, rcvDhPrivateKey: x25519KeyPair().privateKey };
}

/** Events of one kind in arrival order; next() waits for the following one. */
export class EventQueue<K extends keyof SmpClientEvents> {
  private readonly items: SmpClientEvents[K][] = [];
  private readonly waiters: ((e: SmpClientEvents[K]) => void)[] = [];
  readonly stop: () => void;

  constructor(client: SmpClient, event: K) {
    this.stop = client.events.on(event, (e) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(e);
      else this.items.push(e);
    });
  }

  /** Events that arrived and were not taken yet. */
  get buffered(): number {
    return this.items.length;
  }

  next(): Promise<SmpClientEvents[K]> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async take(n: number): Promise<SmpClientEvents[K][]> {
    const out: SmpClientEvents[K][] = [];
    while (out.length < n) out.push(await this.next());
    return out;
  }
}

export const text = (s: string) => new TextEncoder().encode(s);
export const untext = (b: Uint8Array) => new TextDecoder().decode(b);

/** The SmpClientError a command fails with (anything else, or success, fails the test). */
export async function rejection(p: Promise<unknown>): Promise<SmpClientError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SmpClientError) return e;
    throw e;
  }
  throw new Error('expected the command to fail');
}

/** The body of a delivered message (throws for the quota marker). */
export function bodyOf(e: SmpClientEvents['message']): string {
  if (e.message.type !== 'message') throw new Error(`expected a message, got ${e.message.type}`);
  return untext(e.message.body);
}

/** Values in arrival order; next() waits for the following one. */
export class Channel<T> {
  private readonly items: T[] = [];
  private readonly waiters: ((v: T) => void)[] = [];

  push(v: T): void {
    const w = this.waiters.shift();
    if (w) w(v);
    else this.items.push(v);
  }

  next(): Promise<T> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift()!);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
