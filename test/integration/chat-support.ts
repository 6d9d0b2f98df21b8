// Shared by the chat integration tests: one real SMP server on a loopback port (the embedded
// server the host would start), engines each with its own data directory, every command through
// the contract (input and output checked), and a log of contract events to wait on, never sleeps.
import { afterEach, expect } from 'vitest';
import { cryptoReady } from '../../src/protocol/crypto';
import { createEngine, type Engine, type EngineOptions } from '../../src/main/engine/engine';
import { createEngineService } from '../../src/main/engine/host/service';
import { silentLogger } from '../../src/main/engine/log';
import {
  ContractError,
  commands,
  type CommandInput,
  type CommandOutput,
  type EngineCommandName,
  type EventName,
  type EventPayload,
} from '../../src/shared/ipc';
import type { ContactView } from '../../src/shared/models/contacts';
import { startSmpServer, type RunningSmpServer } from '../../src/server/start';
import { useTempDirs } from '../support/temp-dir';

type Recorded = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** Every contract event of an engine, in order, across restarts. */
export class ContractEvents {
  readonly all: Recorded[] = [];
  private readonly waiters: { test: (e: Recorded) => boolean; resolve: () => void }[] = [];

  push(e: Recorded): void {
    this.all.push(e);
    for (const w of [...this.waiters]) {
      if (w.test(e)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  of<E extends EventName>(name: E): EventPayload<E>[] {
    return this.all.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);
  }

  /** The first event `name` (already seen or still to come) that passes `test`. */
  async until<E extends EventName>(
    name: E,
    test: (p: EventPayload<E>) => boolean = () => true,
  ): Promise<EventPayload<E>> {
    const match = (e: Recorded) => e.name === name && test(e.payload as EventPayload<E>);
    let found = this.all.find(match);
    if (!found) {
      await new Promise<void>((resolve) => this.waiters.push({ test: match, resolve }));
      found = this.all.find(match);
    }
    return found!.payload as EventPayload<E>;
  }

  /** Like until(), but only events recorded from now on. */
  async next<E extends EventName>(
    name: E,
    test: (p: EventPayload<E>) => boolean = () => true,
  ): Promise<EventPayload<E>> {
    const from = this.all.length;
    const match = (e: Recorded) => e.name === name && test(e.payload as EventPayload<E>);
    const seen = () => this.all.slice(from).find(match);
    if (!seen()) await new Promise<void>((resolve) => this.waiters.push({ test: match, resolve }));
    return seen()!.payload as EventPayload<E>;
  }
}

export interface TestEngine {
  readonly name: string;
  readonly dataDir: string;
  readonly events: ContractEvents;
  engine: Engine;
  call<N extends EngineCommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** Stops the engine and starts a new one on the same data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Fast agent retries: the server is local, and tests wait on events. */
const FAST_RETRY = {
  initialDelayMs: 20,
  fastMaxDelayMs: 200,
  slowAfterMs: 60_000,
  slowInitialDelayMs: 500,
  slowMaxDelayMs: 1_000,
};

export function useChatEngines() {
  const tempDir = useTempDirs();
  const servers: RunningSmpServer[] = [];
  const engines: TestEngine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  return {
    tempDir,
    async server(): Promise<RunningSmpServer> {
      await cryptoReady();
      const s = await startSmpServer({ dataDir: tempDir(), port: 0, logSink: () => {} });
      servers.push(s);
      return s;
    },

    /** An engine with a profile named `name`, using `server` as its embedded server. */
    async engine(
      name: string,
      server: RunningSmpServer | null,
      options: Partial<EngineOptions> & { fullName?: string } = {},
    ): Promise<TestEngine> {
      const dataDir = tempDir();
      const events = new ContractEvents();
      const make = () => {
        const engine = createEngine({
          dataDir,
          log: silentLogger,
          ...(server && { embeddedServer: { address: server.address } }),
          chat: { agent: { retry: FAST_RETRY }, serverTestTimeoutMs: 5_000 },
          ...options,
        });
        engine.events.onAny((name, payload) => events.push({ name, payload } as Recorded));
        return engine;
      };
      let running = false;
      const t: TestEngine = {
        name,
        dataDir,
        events,
        engine: make(),
        async call(command, input) {
          const result = await createEngineService(t.engine, silentLogger)(command, input);
          if (!result.ok) throw new ContractError(result.error.code, result.error.message);
          return commands[command].output.parse(result.value) as CommandOutput<typeof command>;
        },
        async restart() {
          await t.stop();
          t.engine = make();
          await t.engine.start();
          running = true;
        },
        async stop() {
          if (!running) return;
          running = false;
          await t.engine.stop();
        },
      };
      await t.engine.start();
      running = true;
      engines.push(t);
      await t.call('profile.create', {
        displayName: name,
        fullName: options.fullName ?? '',
        image: null,
      });
      return t;
    },
  };
}

/** Waits until `engine` reports the contact active. */
export function active(engine: TestEngine, contactId: number): Promise<ContactView> {
  return engine.events.until(
    'contacts.updated',
    (c) => c.id === contactId && c.status === 'active',
  );
}

/** The contact `engine` has with display name `name` once it is active. */
export function activeNamed(engine: TestEngine, name: string): Promise<ContactView> {
  return engine.events.until(
    'contacts.updated',
    (c) => c.displayName === name && c.status === 'active',
  );
}

/** a invites, b joins; resolves with each side's contact once both are active. */
export async function connectByInvitation(
  a: TestEngine,
  b: TestEngine,
): Promise<{ ab: ContactView; ba: ContactView }> {
  const invitation = await a.call('invitation.create', {});
  const joined = await b.call('connect', { link: invitation.shortLink ?? invitation.link });
  expect(joined.kind).toBe('invitation');
  const ba = await active(b, joined.contact.id);
  const ab = await a.events.until(
    'contacts.updated',
    (c) => c.status === 'active' && c.displayName === b.name && c.via === 'invitation',
  );
  return { ab, ba };
}

/** The text of an item added to `engine`'s chat with `chatId`, once it arrives. */
export async function received(engine: TestEngine, chatId: string, text: string) {
  const added = await engine.events.until(
    'chat.item.added',
    (e) => e.chat.id === chatId && e.item.text === text && e.item.direction === 'rcv',
  );
  return added.item;
}
