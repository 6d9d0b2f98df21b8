// The engine: everything behind the IPC contract. It owns the store and the feature modules,
// runs in the engine worker (or in-process in tests and headless use), and never imports
// Electron. Features are grouped per file under ./features; each gets the shared context.
import type { Database } from '../../node/sqlite';
import type { EngineHandlers } from '../../shared/ipc';
import { systemClock, type Clock } from './clock';
import { unavailable, type EngineContext } from './context';
import { EventBus, type EventSource } from './events';
import { addressHandlers } from './features/address';
import { chatHandlers } from './features/chats';
import { connectHandlers } from './features/connect';
import { contactHandlers } from './features/contacts';
import { invitationHandlers } from './features/invitations';
import { profileHandlers } from './features/profile';
import { requestHandlers } from './features/requests';
import { serverHandlers } from './features/servers';
import { settingsHandlers } from './features/settings';
import { createLogger, type Logger } from './log';
import { openStore } from './store';

export interface EngineOptions {
  /** Where the engine keeps its database (created if missing). */
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly log?: Logger;
}

export type EngineState = 'idle' | 'starting' | 'ready' | 'stopping' | 'stopped';

export interface Engine {
  /** One function per engine command; inputs arrive already parsed by the contract. */
  readonly handlers: EngineHandlers;
  readonly events: EventSource;
  readonly state: EngineState;
  /** Opens the store (running migrations). Rejects, e.g. with DatabaseTooNewError. */
  start(): Promise<void>;
  /** Waits for queued writes, then closes the store. */
  stop(): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const log = options.log ?? createLogger();
  const clock = options.clock ?? systemClock;
  const events = new EventBus(log.child('events'));
  let db: Database | undefined;
  let state: EngineState = 'idle';

  const ctx: EngineContext = {
    clock,
    log,
    events,
    db: () => {
      if (!db || state !== 'ready') throw unavailable();
      return db;
    },
    nowIso: () => clock.now().toISOString(),
  };

  const handlers: EngineHandlers = {
    ...profileHandlers(ctx),
    ...settingsHandlers(ctx),
    ...addressHandlers(ctx),
    ...invitationHandlers(ctx),
    ...connectHandlers(ctx),
    ...requestHandlers(ctx),
    ...contactHandlers(ctx),
    ...chatHandlers(ctx),
    ...serverHandlers(ctx),
  };

  return {
    handlers,
    events,
    get state() {
      return state;
    },

    async start() {
      if (state !== 'idle') throw new Error(`the engine cannot start from state '${state}'`);
      state = 'starting';
      try {
        db = await openStore(options.dataDir);
      } catch (e) {
        state = 'stopped';
        log.error('store could not be opened', { error: e instanceof Error ? e : null });
        throw e;
      }
      state = 'ready';
      log.info('engine ready');
    },

    async stop() {
      if (state === 'stopped' || state === 'stopping') return;
      state = 'stopping';
      // Calls already queued on the database finish; new ones get UNAVAILABLE.
      await db?.close();
      db = undefined;
      state = 'stopped';
      log.info('engine stopped');
    },
  };
}
