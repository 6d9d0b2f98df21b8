// The engine worker process (bundled as dist/main/engine-worker.cjs). Started by main through
// Electron's utilityProcess, or by Node hosts through child_process.fork; it speaks the
// messages of ./protocol over whichever parent port it has.
import { connectToParent } from '../../../node/child';
import { errorResult } from '../../../shared/ipc';
import { createEngine, type Engine } from '../engine';
import { createLogger } from '../log';
import { ToWorker, type FromWorker } from './protocol';
import { createEngineService, type EngineService } from './service';

function main(): void {
  let log = createLogger({ scope: 'worker' });
  const parent = connectToParent<ToWorker, FromWorker>({
    name: 'the engine worker',
    schema: ToWorker,
    onMalformed: () => log.warn('malformed message from main; ignored'),
  });
  let engine: Engine | undefined;
  let service: EngineService | undefined;

  // Queued writes finish and the store is closed before the process exits.
  const stopAndExit = () =>
    parent.exitInOrder(async () => {
      try {
        await engine?.stop();
      } catch (e) {
        log.error('engine did not stop cleanly', { error: e instanceof Error ? e : null });
        throw e;
      }
    });

  parent.onDisconnect(stopAndExit);

  parent.onMessage((message) => {
    switch (message.type) {
      case 'start': {
        if (engine) return;
        log = createLogger({ scope: 'worker', level: message.logLevel });
        const started = createEngine({
          dataDir: message.dataDir,
          embeddedServer: message.embeddedServer,
          embeddedServerError: message.embeddedServerError,
          log: log.child('engine'),
        });
        engine = started;
        started.events.onAny((name, payload) => parent.send({ type: 'event', name, payload }));
        started.start().then(
          () => {
            service = createEngineService(started, log.child('service'));
            parent.send({ type: 'ready' });
          },
          (e: unknown) => {
            const error = e instanceof Error ? e : new Error(String(e));
            return parent.failAndExit({
              type: 'start-failed',
              error: { name: error.name, message: error.message },
            });
          },
        );
        return;
      }
      case 'call': {
        const { id, name, input } = message;
        if (!service || parent.exiting) {
          parent.send({
            type: 'result',
            id,
            result: errorResult('UNAVAILABLE', 'the engine is stopping'),
          });
          return;
        }
        parent.track(
          service(name, input).then((result) => parent.send({ type: 'result', id, result })),
        );
        return;
      }
      case 'stop':
        stopAndExit();
        return;
    }
  });
}

main();
