// Test helpers around a real SMP server on a loopback port: start it in a temp directory with a
// controllable clock, connect raw clients, and create queues with fresh keys.
import { afterEach } from 'vitest';
import { cryptoReady } from '../../src/protocol/crypto';
import type { Clock } from '../../src/server/clock';
import {
  startSmpServer,
  type RunningSmpServer,
  type StartSmpServerOptions,
} from '../../src/server/start';
import { SmpRawConnection, type ConnectOptions } from './smp-raw-connection';

/** A clock that moves only when told to. */
export class TestClock implements Clock {
  constructor(private ms = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.ms;
  }
  advanceSeconds(s: number): void {
    this.ms += s * 1000;
  }
}

export interface TestServer {
  readonly running: RunningSmpServer;
  readonly clock: TestClock;
  connect(o?: Partial<ConnectOptions>): Promise<SmpRawConnection>;
}

/** Starts servers for a test file; every server and connection is closed after each test. */
export function useSmpServers(): (
  dataDir: string,
  options?: Partial<StartSmpServerOptions>,
) => Promise<TestServer> {
  const servers: RunningSmpServer[] = [];
  const connections: SmpRawConnection[] = [];
  afterEach(async () => {
    for (const c of connections.splice(0)) c.close();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  return async (dataDir, options = {}) => {
    await cryptoReady();
    const clock = new TestClock();
    const running = await startSmpServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      clock,
      logLevel: 'silent',
      ...options,
    });
    servers.push(running);
    return {
      running,
      clock,
      connect: async (o = {}) => {
        const c = await SmpRawConnection.connect({
          port: o.transport === 'ws' ? running.wsPort! : running.port,
          keyHash: running.server.keyHash,
          ...o,
        });
        connections.push(c);
        return c;
      },
    };
  };
}

export * from './smp-queues';
