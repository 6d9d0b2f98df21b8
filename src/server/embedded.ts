// The desktop app's own SMP server, on loopback. Its port must never change: every queue the
// user's contacts send to is addressed by host and port. So the first start picks a free port and
// writes it into the new data directory's config; every later start listens on that port, and
// if another program holds it, says so (EmbeddedStartError 'PORT_TAKEN') rather than moving.
import { createServer } from 'node:net';
import { EmbeddedStartError } from './embedded-protocol';
import { DataDirError } from './errors';
import { isDataDirEmpty } from './data-dir';
import type { LogLevel } from './log';
import { startSmpServer, type RunningSmpServer } from './start';

export const EMBEDDED_HOST = '127.0.0.1';

export interface EmbeddedSmpServerOptions {
  /** `<app data>/smp-server`: created and initialised on the first start. */
  readonly dataDir: string;
  readonly logLevel?: LogLevel;
  readonly logSink?: (line: string) => void;
}

/** A loopback port that is free right now (the OS picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, EMBEDDED_HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no port was assigned'))));
    });
  });
}

/** The code and port of a failed listen (Node sets both on the error). */
function listenFailure(e: unknown): { code?: string; port?: number } {
  if (!(e instanceof Error)) return {};
  return {
    ...('code' in e && typeof e.code === 'string' && { code: e.code }),
    ...('port' in e && typeof e.port === 'number' && { port: e.port }),
  };
}

/** Starts (and on first use sets up) the embedded server; failures are EmbeddedStartErrors. */
export async function startEmbeddedSmpServer(
  options: EmbeddedSmpServerOptions,
): Promise<RunningSmpServer> {
  const { dataDir } = options;
  const common = {
    dataDir,
    logLevel: options.logLevel ?? 'warn',
    ...(options.logSink && { logSink: options.logSink }),
  };
  try {
    if (await isDataDirEmpty(dataDir)) {
      // First start: the picked port goes into the config that startSmpServer writes.
      const port = await freeLoopbackPort();
      return await startSmpServer({ ...common, host: EMBEDDED_HOST, port });
    }
    // Later starts: the configured host and port, never a new one.
    return await startSmpServer({ ...common, initialise: false });
  } catch (e) {
    throw describeFailure(e, dataDir);
  }
}

function describeFailure(e: unknown, dataDir: string): EmbeddedStartError {
  if (e instanceof DataDirError) {
    return new EmbeddedStartError(
      'DATA_DIR',
      `the embedded SMP server's data directory ${dataDir} cannot be used: ${e.message}`,
      { cause: e },
    );
  }
  const { code, port } = listenFailure(e);
  if (code === 'EADDRINUSE') {
    return new EmbeddedStartError(
      'PORT_TAKEN',
      `the embedded SMP server cannot listen on ${EMBEDDED_HOST}:${port ?? '?'}: it is in use by ` +
        'another program. The server keeps its port because your contacts reach your queues ' +
        'through it; close the other program, or turn the embedded server off and use another ' +
        'server in settings.',
      { cause: e },
    );
  }
  const why = e instanceof Error ? e.message : String(e);
  return new EmbeddedStartError('FAILED', `the embedded SMP server failed to start: ${why}`, {
    cause: e,
  });
}
