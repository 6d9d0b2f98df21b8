// The embedded SMP server's process (bundled as dist/main/embedded-server.cjs). A host starts it like
// the engine worker, in a process of its own, so a fault in either never takes the other or the
// windows down: Electron's utilityProcess in the app, child_process.fork in Node hosts. It speaks
// the messages of ./embedded-protocol over whichever parent port it has.
import { startEmbeddedSmpServer } from './embedded';
import {
  EmbeddedStartError,
  MAX_MESSAGE,
  ToEmbeddedServer,
  type FromEmbeddedServer,
  type StartFailed,
} from './embedded-protocol';
import type { RunningSmpServer } from './start';

interface ParentPort {
  send(message: FromEmbeddedServer): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

/** Electron's utility process exposes `process.parentPort`; its messages come as events. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function connectToParent(): ParentPort {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: async (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (e) => listener(e.data)),
      // Chromium ends a utility process together with the main process.
      onDisconnect: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      send: (message) =>
        new Promise<void>((resolve) => {
          if (!process.connected) resolve();
          else send(message, undefined, undefined, () => resolve());
        }),
      onMessage: (listener) => process.on('message', listener),
      onDisconnect: (listener) => process.on('disconnect', listener),
    };
  }
  throw new Error('the embedded SMP server must be started by Conclave (it has no parent port)');
}

function describe(e: unknown): Pick<StartFailed, 'problem' | 'message'> {
  const message = e instanceof Error ? e.message : String(e);
  return {
    problem: e instanceof EmbeddedStartError ? e.problem : 'FAILED',
    message: message.slice(0, MAX_MESSAGE),
  };
}

function main(): void {
  const port = connectToParent();
  let starting: Promise<RunningSmpServer | undefined> | undefined;
  let stopping = false;

  const stopAndExit = () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      let code = 0;
      try {
        await (await starting)?.stop();
      } catch {
        code = 1;
      }
      process.exit(code);
    })();
  };
  // The host is gone (killed, crashed): nobody needs this server any more.
  port.onDisconnect(stopAndExit);

  port.onMessage((raw) => {
    const parsed = ToEmbeddedServer.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'stop') return stopAndExit();
    if (starting) return;
    starting = startEmbeddedSmpServer({
      dataDir: message.dataDir,
      logLevel: message.logLevel,
    }).then(
      (server) => {
        void port.send({ type: 'ready', address: server.address, port: server.port });
        return server;
      },
      async (e: unknown) => {
        await port.send({ type: 'start-failed', ...describe(e) });
        process.exit(1);
      },
    );
  });
}

main();
