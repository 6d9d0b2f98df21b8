// The engine worker process (bundled as dist/main/engine-worker.cjs). Started by main through
// Electron's utilityProcess, or by Node hosts through child_process.fork; it speaks the
// messages of ./protocol over whichever parent port it has.
import { errorResult } from '../../../shared/ipc';
import { createEngine, type Engine } from '../engine';
import { createLogger } from '../log';
import { ToWorker, type FromWorker } from './protocol';
import { createEngineService, type EngineService } from './service';

interface ParentPort {
  send(message: FromWorker): Promise<void>;
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
  throw new Error('the engine worker must be started by Conclave (it has no parent port)');
}

function main(): void {
  const port = connectToParent();
  let log = createLogger({ scope: 'worker' });
  let engine: Engine | undefined;
  let service: EngineService | undefined;
  let stopping: Promise<void> | undefined;
  // Calls being handled and messages not yet handed to the OS; an orderly stop waits for both,
  // so a reply is never lost to process.exit.
  const inflight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };
  const send = (message: FromWorker) => track(port.send(message));
  const drain = async () => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };

  const stopAndExit = (code: number) => {
    stopping ??= (async () => {
      try {
        await drain();
        await engine?.stop();
      } catch (e) {
        log.error('engine did not stop cleanly', { error: e instanceof Error ? e : null });
        code = 1;
      }
      await drain();
      process.exit(code);
    })();
  };

  port.onDisconnect(() => stopAndExit(0));

  port.onMessage((raw) => {
    const parsed = ToWorker.safeParse(raw);
    if (!parsed.success) {
      log.warn('malformed message from main; ignored');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'start': {
        if (engine) return;
        log = createLogger({ scope: 'worker', level: message.logLevel });
        const started = createEngine({
          dataDir: message.dataDir,
          embeddedServer: message.embeddedServer,
          log: log.child('engine'),
        });
        engine = started;
        started.events.onAny((name, payload) => send({ type: 'event', name, payload }));
        started.start().then(
          () => {
            service = createEngineService(started, log.child('service'));
            send({ type: 'ready' });
          },
          async (e: unknown) => {
            const error = e instanceof Error ? e : new Error(String(e));
            await port.send({
              type: 'start-failed',
              error: { name: error.name, message: error.message },
            });
            process.exit(1);
          },
        );
        return;
      }
      case 'call': {
        const { id, name, input } = message;
        if (!service || stopping) {
          send({
            type: 'result',
            id,
            result: errorResult('UNAVAILABLE', 'the engine is stopping'),
          });
          return;
        }
        track(service(name, input).then((result) => send({ type: 'result', id, result })));
        return;
      }
      case 'stop':
        stopAndExit(0);
        return;
    }
  });
}

main();
