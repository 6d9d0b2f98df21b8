// The engine in this very process: for tests, headless tools and `--engine in-process`.
import type { EngineStatus } from '../../../shared/models/engine';
import { createEngine, type EngineOptions } from '../engine';
import { EventBus } from '../events';
import { createLogger } from '../log';
import type { EngineClient } from './client';
import { createEngineService } from './service';

export async function startInProcessEngine(options: EngineOptions): Promise<EngineClient> {
  const log = options.log ?? createLogger();
  const engine = createEngine({ ...options, log });
  const service = createEngineService(engine, log.child('service'));
  const events = new EventBus(log.child('client'));
  let status: EngineStatus = { state: 'starting' };
  const setStatus = (next: EngineStatus) => {
    status = next;
    events.emit('engine.status', next);
  };

  engine.events.onAny((name, payload) => events.emit(name, payload));
  await engine.start();
  setStatus({ state: 'ready' });

  return {
    call: (name, input) => service(name, input),
    on: (event, listener) => events.on(event, listener),
    onAny: (listener) => events.onAny(listener),
    get status() {
      return status;
    },
    async close() {
      if (status.state === 'stopped') return;
      await engine.stop();
      setStatus({ state: 'stopped' });
    },
  };
}
