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
import { ChatRuntime, type ChatRuntimeOptions } from './chat/runtime';
import { broadcastProfile } from './chat/profile-sync';
import type { EmbeddedServer } from './chat/servers';
import { createLogger, type Logger } from './log';
import { openStore } from './store';

export interface EngineOptions {
  /** Where the engine keeps its database (created if missing). */
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly log?: Logger;
  /**
   * The embedded SMP server, started by the host (the engine never imports the server): the
   * default server for new queues unless the user configured others.
   */
  readonly embeddedServer?: EmbeddedServer | undefined;
  /** Why the host's embedded server is not running, when it tried and failed (settings show it). */
  readonly embeddedServerError?: string | undefined;
  /** Tuning of the chat layer's agent and SMP client (tests shorten timeouts and retries). */
  readonly chat?: Pick<
    ChatRuntimeOptions,
    'agent' | 'smp' | 'serverTestTimeoutMs' | 'deletionGraceMs'
  >;
}

export type EngineState = 'idle' | 'starting' | 'ready' | 'stopping' | 'stopped';

export interface Engine {
  /** One function per engine command; inputs arrive already parsed by the contract. */
  readonly handlers: EngineHandlers;
  readonly events: EventSource;
  readonly state: EngineState;
  /**
   * Opens the store (running migrations), then starts the chat layer: the SMP client and, with a
   * server configured, the agent. Rejects, e.g. with DatabaseTooNewError.
   */
  start(): Promise<void>;
  /** Stops the agent and the SMP client, waits for queued writes, then closes the store. */
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

  const chat = new ChatRuntime({
    ...options.chat,
    clock,
    log,
    events,
    embeddedServer: options.embeddedServer,
    embeddedServerError: options.embeddedServerError,
  });

  const profile = profileHandlers(ctx);
  const handlers: EngineHandlers = {
    ...profile,
    // Contacts see the new profile too.
    'profile.update': async (input) => {
      const updated = await profile['profile.update'](input);
      try {
        await broadcastProfile(chat.context(), updated);
      } catch (e) {
        // The profile is saved; contacts get it with the next update (or the engine is stopping).
        log.warn('profile update not sent to contacts', { error: e instanceof Error ? e : null });
      }
      return updated;
    },
    ...settingsHandlers(ctx),
    ...addressHandlers(chat),
    ...invitationHandlers(chat),
    ...connectHandlers(chat),
    ...requestHandlers(chat),
    ...contactHandlers(chat),
    ...chatHandlers(chat),
    ...serverHandlers(chat),
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
      let opened: Database;
      try {
        opened = await openStore(options.dataDir);
      } catch (e) {
        state = 'stopped';
        log.error('store could not be opened', { error: e instanceof Error ? e : null });
        throw e;
      }
      db = opened;
      try {
        // The agent (inside) re-emits what a previous run left; the chat layer listens first.
        await chat.start(opened);
      } catch (e) {
        state = 'stopped';
        log.error('chat layer could not start', { error: e instanceof Error ? e : null });
        await chat.stop().catch(() => undefined);
        await opened.close();
        db = undefined;
        throw e;
      }
      state = 'ready';
      log.info('engine ready');
    },

    async stop() {
      if (state === 'stopped' || state === 'stopping') return;
      state = 'stopping';
      // The agent and the SMP connections first; the store, which they use, last. Calls already
      // queued on the database finish; new ones get UNAVAILABLE.
      await chat.stop();
      await db?.close();
      db = undefined;
      state = 'stopped';
      log.info('engine stopped');
    },
  };
}
