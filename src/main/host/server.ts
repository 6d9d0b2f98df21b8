// The browser host: the built renderer and the IPC contract (over a WebSocket) on 127.0.0.1,
// with a real engine behind them. This is how the real UI runs where no Electron binary can:
// tests drive it with Playwright and system Chromium, and `npm run web` starts it by hand.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  forkEmbeddedServerProcess,
  provideSmpServer,
  type EmbeddedServerRunner,
  type ProvidedSmpServer,
  type SmpServerChoice,
} from '../../server/embedded-runner';
import type { EmbeddedStartError } from '../../server/embedded-protocol';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { createAppHandlers } from '../engine/host/app-handlers';
import type { EngineClient } from '../engine/host/client';
import { createDispatcher } from '../engine/host/dispatcher';
import { startInProcessEngine } from '../engine/host/in-process';
import { startEngineWorker } from '../engine/host/supervisor';
import { forkEngineProcess } from '../engine/host/transport';
import { createLogger, type Logger } from '../engine/log';
import { createStaticHandler } from './http';
import { findUp, projectVersion } from './locate';
import { newToken } from './token';
import { createBridge } from './ws-bridge';

export interface BrowserHostOptions {
  /** The engine's data directory (created if missing). */
  readonly dataDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** The built renderer; dist/renderer of this project by default. */
  readonly rendererDir?: string;
  /** 'worker' (default): the engine in its own process, as in the app. */
  readonly engine?: 'worker' | 'in-process';
  /** The engine worker bundle; dist/main/engine-worker.cjs of this project by default. */
  readonly workerPath?: string;
  /**
   * The engine's default SMP server: 'embedded' (default) starts ours in its own process, with
   * its data in `<dataDir>/smp-server`; 'none' gives the engine none; `{ address }` hands it a
   * server that is already running (tests that start their own).
   */
  readonly smpServer?: SmpServerChoice;
  /** The embedded server's bundle; dist/main/embedded-server.cjs of this project by default. */
  readonly embeddedServerPath?: string;
  readonly log?: Logger;
}

export interface BrowserHost {
  /** http://127.0.0.1:<port>/#token=<token>: the page, with the token in the fragment. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly engine: EngineClient;
  /** The embedded server this host runs (its address, status), if it runs one. */
  readonly embeddedServer: EmbeddedServerRunner | undefined;
  /** Why the embedded server is not running, when it was asked for and could not start. */
  readonly embeddedServerFailure: EmbeddedStartError | undefined;
  /** Stops the page's sockets, then the engine, then the embedded server. */
  close(): Promise<void>;
}

/** Something the host needs is missing (a build step not run, a port taken). */
export class HostSetupError extends Error {
  override readonly name = 'HostSetupError';
}

function required(found: string | undefined, what: string, hint: string): string {
  if (!found || !existsSync(found)) throw new HostSetupError(`${what} not found; ${hint}`);
  return found;
}

/** Where the embedded server of an engine data directory keeps its own data. */
function embeddedServerDir(dataDir: string): string {
  return path.join(dataDir, 'smp-server');
}

async function startEngine(
  options: BrowserHostOptions,
  smp: ProvidedSmpServer,
  log: Logger,
): Promise<EngineClient> {
  const embeddedServer = smp.server;
  const embeddedServerError = smp.failure?.message;
  if (options.engine === 'in-process') {
    return startInProcessEngine({
      dataDir: options.dataDir,
      embeddedServer,
      embeddedServerError,
      log: log.child('engine'),
    });
  }
  const workerPath = required(
    options.workerPath ?? findUp('dist/main/engine-worker.cjs'),
    'the engine worker bundle (dist/main/engine-worker.cjs)',
    'run `npm run build:node` first',
  );
  return startEngineWorker({
    dataDir: options.dataDir,
    embeddedServer,
    embeddedServerError,
    spawn: forkEngineProcess(workerPath),
    log: log.child('supervisor'),
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? createLogger({ scope: 'host' });
  const rendererDir = required(
    options.rendererDir ?? findUp('dist/renderer'),
    'the built renderer (dist/renderer)',
    'run `npm run build:renderer` first',
  );
  required(path.join(rendererDir, 'index.html'), `${rendererDir}/index.html`, 'build the renderer');

  const smp = await provideSmpServer(options.smpServer ?? 'embedded', () => ({
    spawn: forkEmbeddedServerProcess(
      required(
        options.embeddedServerPath ?? findUp('dist/main/embedded-server.cjs'),
        'the embedded SMP server bundle (dist/main/embedded-server.cjs)',
        'run `npm run build:node` first',
      ),
    ),
    dataDir: embeddedServerDir(options.dataDir),
    log: log.child('smp-server'),
  }));
  if (smp.failure) log.error('the embedded SMP server is not running', { error: smp.failure });
  // From here on the server outlives the engine: started first, it is stopped last.
  let engine: EngineClient;
  try {
    engine = await startEngine(options, smp, log);
  } catch (e) {
    await smp.runner?.close();
    throw e;
  }
  const token = newToken();
  let port = 0;
  const origin = () => `http://127.0.0.1:${port}`;

  const dispatcher = createDispatcher({
    engine,
    appHandlers: createAppHandlers({
      info: { version: projectVersion(), runtime: 'browser-host', platform: process.platform },
      engine,
    }),
    log: log.child('ipc'),
  });
  const bridge = createBridge({ token, origin, dispatcher, engine, log: log.child('ws') });
  const server = createServer();
  const serveStatic = createStaticHandler({
    rendererDir,
    csp: () => contentSecurityPolicy({ websocketOrigin: `ws://127.0.0.1:${port}` }),
    host: () => `127.0.0.1:${port}`,
  });
  server.on('request', (req, res) => {
    serveStatic(req, res).catch(() => res.destroy());
  });
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Loopback only: the host is never reachable from another machine.
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await engine.close();
    await smp.runner?.close();
    const why = e instanceof Error ? e.message : String(e);
    throw new HostSetupError(`cannot listen on 127.0.0.1:${options.port ?? 0}: ${why}`);
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin()}/#token=${token}`,
    token,
    port,
    engine,
    embeddedServer: smp.runner,
    embeddedServerFailure: smp.failure,
    close() {
      closing ??= (async () => {
        await bridge.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await engine.close();
        await smp.runner?.close();
      })();
      return closing;
    },
  };
}
