// startSmpServer: the embeddable server. Initialises an empty data directory, opens the store,
// listens (TLS, and WebSocket when asked) and returns the address and a stop function. The CLI
// and the desktop app's default server both run through here.
import { cryptoReady } from '../protocol/crypto/sodium';
import { serializeSmpServer, type SmpServer } from '../protocol/smp/address';
import { systemClock, type Clock } from './clock';
import { parseServerConfig, type ServerConfig, type ServerLimits } from './config';
import { initDataDir, isDataDirEmpty, openDataDir, serverAddress } from './data-dir';
import { createLogger, type Logger, type LogLevel } from './log';
import { ServerCore } from './server-core';
import { QueueStore } from './store/queue-store';
import type { BlockTransport } from './transport/block-transport';
import { listenTls, listenWebSocket, type Listener } from './transport/listeners';

export interface StartSmpServerOptions {
  readonly dataDir: string;
  /** Set up an absent or empty data directory first (default true; the CLI's start says false). */
  readonly initialise?: boolean;
  /** TLS port to listen on (0: any free port). Default: the configured port. */
  readonly port?: number;
  /** Interface to bind. Default: the configured one; 127.0.0.1 for a directory set up here. */
  readonly host?: string;
  /** Host names of the address when the directory is set up here. Default: [host]. */
  readonly hosts?: readonly string[];
  /** WebSocket port (0: any free port). Default: the configured one, if any. */
  readonly wsPort?: number;
  readonly clock?: Clock;
  /** Where log lines go (JSON, one per line); stderr by default. */
  readonly logSink?: (line: string) => void;
  readonly logLevel?: LogLevel;
  readonly quota?: number;
  readonly messageTtlSeconds?: number;
  readonly expirySweepSeconds?: number;
  readonly basicAuth?: string;
  readonly limits?: Partial<ServerLimits>;
}

export interface RunningSmpServer {
  /** `smp://<fingerprint>@<hosts>:<bound port>` */
  readonly address: string;
  readonly server: SmpServer;
  readonly port: number;
  readonly wsPort?: number | undefined;
  /** Runs the expiry sweep now (it also runs periodically); returns the messages removed. */
  expireMessages(): number;
  /** Closes the listeners and every connection, then the store (flushed). */
  stop(): Promise<void>;
}

const EMBEDDED_HOST = '127.0.0.1';

/** The overrides of this start, applied on top of the config file and validated with it. */
function effectiveConfig(config: ServerConfig, o: StartSmpServerOptions): ServerConfig {
  return parseServerConfig(
    {
      ...config,
      ...(o.logLevel !== undefined && { logLevel: o.logLevel }),
      ...(o.quota !== undefined && { quota: o.quota }),
      ...(o.messageTtlSeconds !== undefined && { messageTtlSeconds: o.messageTtlSeconds }),
      ...(o.expirySweepSeconds !== undefined && { expirySweepSeconds: o.expirySweepSeconds }),
      ...(o.basicAuth !== undefined && { basicAuth: o.basicAuth }),
      limits: { ...config.limits, ...o.limits },
    },
    'server options',
  );
}

export async function startSmpServer(options: StartSmpServerOptions): Promise<RunningSmpServer> {
  await cryptoReady();
  const { dataDir } = options;
  if ((options.initialise ?? true) && (await isDataDirEmpty(dataDir))) {
    const host = options.host ?? EMBEDDED_HOST;
    await initDataDir(dataDir, {
      hosts: [...(options.hosts ?? [host])],
      bindHost: host,
      ...(options.port && { port: options.port }),
      ...(options.wsPort && { wsPort: options.wsPort }),
    });
  }
  const opened = await openDataDir(dataDir);
  const config = effectiveConfig(opened.config, options);
  const log: Logger = createLogger(config.logLevel, options.logSink);
  const { store, queues } = await QueueStore.open(opened.databaseFile);
  const core = new ServerCore({
    config,
    identity: opened.identity,
    store,
    queues,
    clock: options.clock ?? systemClock,
    log,
  });
  core.expireMessages();

  const listen = {
    identity: opened.identity,
    host: options.host ?? config.bindHost,
    handshakeTimeoutMs: config.limits.handshakeTimeoutMs,
    log,
    accept: (transport: BlockTransport) => core.accept(transport),
  };
  const listeners: Listener[] = [];
  try {
    listeners.push(await listenTls({ ...listen, port: options.port ?? config.port }));
    const wsPort = options.wsPort ?? config.wsPort;
    if (wsPort !== undefined) listeners.push(await listenWebSocket({ ...listen, port: wsPort }));
  } catch (e) {
    await Promise.all(listeners.map((l) => l.close()));
    await core.stop();
    throw e;
  }
  const sweep = setInterval(() => core.expireMessages(), config.expirySweepSeconds * 1000);
  sweep.unref();

  const [tlsListener, wsListener] = listeners;
  const server = serverAddress(config, opened.identity.keyHash, tlsListener!.port);
  const address = serializeSmpServer(server);
  log.info('listening', {
    port: tlsListener!.port,
    wsPort: wsListener?.port,
    queues: queues.length,
  });

  let stopping: Promise<void> | undefined;
  return {
    address,
    server,
    port: tlsListener!.port,
    wsPort: wsListener?.port,
    expireMessages: () => core.expireMessages(),
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(sweep);
        const closed = Promise.all(listeners.map((l) => l.close()));
        await core.stop();
        await closed;
        log.info('stopped');
      })()),
  };
}
