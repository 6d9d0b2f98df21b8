// An in-memory engine behind a ConclaveBridge, for renderer tests. It speaks the contract for real:
// inputs are parsed with the contract's schemas and outputs are what the schemas describe, so a
// renderer that works against it sends what the real host accepts. Tests can make the next call
// of a command fail, hold a call until released, or push any raw event.
import {
  commands,
  type CommandName,
  type CommandOutput,
  type EventName,
  type IpcErrorCode,
  type IpcResult,
  type ParsedInput,
} from '../../../src/shared/ipc';
import type { ConclaveBridge } from '../../../src/shared/ipc/bridge';
import type { AppInfo, EngineStatus } from '../../../src/shared/models/engine';
import type { ProfileView } from '../../../src/shared/models/profile';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/models/settings';
import { FakeChats, Refusal } from './fakeChats';

export interface Gate {
  /** Lets the held call go on. */
  release(): void;
  /** Resolves once a call has reached the gate. */
  readonly reached: Promise<void>;
}

export class FakeEngine {
  profile: ProfileView | null = null;
  settings: Settings = { ...DEFAULT_SETTINGS };
  status: EngineStatus = { state: 'ready' };
  /** Who app.info says runs the page ('browser-host' makes the page show notifications). */
  runtime: AppInfo['runtime'] = 'test';
  readonly calls: { name: CommandName; input: unknown }[] = [];
  private readonly failures = new Map<CommandName, { code: IpcErrorCode; message: string }>();
  private readonly gates = new Map<CommandName, { wait: Promise<void>; arrive: () => void }>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private clock = Date.parse('2025-01-01T00:00:00Z');
  readonly chats = new FakeChats(
    (event, payload) => this.emit(event, payload),
    () => this.now(),
  );

  failNext(name: CommandName, code: IpcErrorCode, message = `${name} refused`): void {
    this.failures.set(name, { code, message });
  }

  /** Holds the next call of `name` until the gate is released. */
  hold(name: CommandName): Gate {
    let release!: () => void;
    let arrive!: () => void;
    const wait = new Promise<void>((r) => (release = r));
    const reached = new Promise<void>((r) => (arrive = r));
    this.gates.set(name, { wait, arrive });
    return { release, reached };
  }

  /** Sends an event as the host would, without checking it (tests send bad ones too). */
  emit(event: EventName, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  callsOf(name: CommandName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }

  readonly bridge: ConclaveBridge = {
    commands: Object.fromEntries(
      (Object.keys(commands) as CommandName[]).map((name) => [
        name,
        (input: unknown) => this.run(name, input),
      ]),
    ) as ConclaveBridge['commands'],
    on: (event, listener) => {
      let set = this.listeners.get(event);
      if (!set) this.listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  private async run(name: CommandName, input: unknown): Promise<IpcResult<unknown>> {
    this.calls.push({ name, input });
    // Both belong to this call, even if another call of the same command overtakes it.
    const failure = this.failures.get(name);
    this.failures.delete(name);
    const gate = this.gates.get(name);
    if (gate) {
      this.gates.delete(name);
      gate.arrive();
      await gate.wait;
    }
    if (failure) return { ok: false, error: { code: failure.code, message: failure.message } };
    const parsed = commands[name].input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'BAD_INPUT', message: parsed.error.issues[0]!.message } };
    }
    try {
      return { ok: true, value: this.handle(name, parsed.data) };
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, error: { code: e.code, message: e.message } };
      throw e;
    }
  }

  private now(): string {
    return new Date((this.clock += 1000)).toISOString();
  }

  /** The engine's commands, written against the contract's parsed inputs and outputs. */
  private readonly handlers: {
    [N in CommandName]: (input: ParsedInput<N>) => CommandOutput<N>;
  } = {
    ...this.chats.handlers,
    'app.info': () => ({ version: '0.0.0-test', runtime: this.runtime, platform: 'test' }),
    'engine.status': () => this.status,
    'app.ready': () => null,
    'app.chat.focused': ({ chatId }) => {
      this.chats.focusedChat = chatId;
      return null;
    },
    'profile.get': () => this.profile,
    'profile.create': (input) => {
      if (this.profile) throw new Refusal('CONFLICT', 'a profile exists already');
      const at = this.now();
      this.profile = { id: 1, ...input, createdAt: at, updatedAt: at };
      this.emit('profile.updated', this.profile);
      return this.profile;
    },
    'profile.update': (input) => {
      if (!this.profile) throw new Refusal('NOT_FOUND', 'there is no profile');
      this.profile = { ...this.profile, ...input, updatedAt: this.now() };
      this.emit('profile.updated', this.profile);
      return this.profile;
    },
    'settings.get': () => this.settings,
    'settings.update': (input) => {
      this.settings = { ...this.settings, ...input };
      this.emit('settings.updated', this.settings);
      return this.settings;
    },
  };

  private handle<N extends CommandName>(name: N, input: ParsedInput<N>): CommandOutput<N> {
    return this.handlers[name](input);
  }
}
