// One run of `conclave`: start the engine in this process on the data directory (the same engine
// as the app), apply --server, print the ready state, then run the commands of the input one at a
// time, in order, while engine events print as they come. The end of the input, /q, SIGINT and
// SIGTERM all stop the same way: no more input, the engine stopped and its store closed.
import { mkdirSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { callEngine, type EngineClient } from '../main/engine/host/client';
import { startInProcessEngine } from '../main/engine/host/in-process';
import { createLogger, type Logger, type LogLevel } from '../main/engine/log';
import type { ServersView } from '../shared/models/servers';
import type { Command } from './commands';
import { execute } from './execute';
import { CliFailure } from './failure';
import { HumanPresenter, NO_PROFILE_HINT, NO_SERVER_HINT } from './human';
import { readInputLine } from './input';
import { jsonPresenter } from './json';
import { PendingSends } from './pending-sends';
import type { EngineEvent, Presenter } from './presenter';
import { openTerminal, writeLines, type Terminal } from './terminal';

export interface RunOptions {
  readonly dataDir: string;
  /** Servers from --server; empty keeps what the data directory has. */
  readonly servers: readonly string[];
  readonly json: boolean;
  readonly logLevel: LogLevel;
  readonly version: string;
  readonly input: Readable;
  readonly output: Writable;
  /** Human mode at a TTY: a prompt that output does not trample. */
  readonly interactive: boolean;
}

/** How long the end of the input waits for messages of this run to reach their server. */
const SEND_GRACE_MS = 10_000;

/** The engine could not start or --server was refused; main exits with status 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export function activeServers(view: ServersView): string[] {
  const embedded = view.useEmbedded && view.embedded.address ? [view.embedded.address] : [];
  return [...embedded, ...view.custom];
}

/** Resolves with the exit status once the run has stopped in order. */
export async function runCli(options: RunOptions): Promise<number> {
  const log = createLogger({ level: options.logLevel });
  const client = await startEngine(options, log);
  const session = new Session(client, options, log);
  try {
    await session.start();
  } catch (e) {
    // Interrupted while starting: the engine calls failed because it was being stopped.
    const interrupted = session.stopRequested;
    await session.stop(false);
    if (interrupted) return 0;
    throw e;
  }
  await session.run();
  return 0;
}

async function startEngine(options: RunOptions, log: Logger): Promise<EngineClient> {
  try {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    return await startInProcessEngine({ dataDir: options.dataDir, log });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new StartupError(`the data directory ${options.dataDir} could not be opened: ${reason}`);
  }
}

class Session {
  private readonly presenter: Presenter;
  /** Opened by run(): readline reads as soon as it exists, and lines nobody hears are lost. */
  private terminal: Terminal | undefined;
  private readonly sends = new PendingSends();
  private servers: readonly string[] = [];
  private hasProfile = false;
  /** The commands run one after another; each step catches its own failures. */
  private queue: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  /** Events from before the ready line, printed right after it: `ready` is always first. */
  private early: EngineEvent[] | undefined = [];

  constructor(
    private readonly client: EngineClient,
    private readonly options: RunOptions,
    private readonly log: Logger,
  ) {
    this.presenter = options.json ? jsonPresenter : new HumanPresenter();
    // From the start, so that a signal during start-up also stops in order.
    const interrupt = () => void this.stop(false).catch(() => undefined);
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    // Whoever reads our output went away: nobody to answer, so stop.
    options.output.on('error', interrupt);
  }

  get stopRequested(): boolean {
    return this.stopping !== undefined;
  }

  async start(): Promise<void> {
    // Listen first: nothing the engine says from here on is missed.
    this.client.onAny((name, payload) => this.onEvent({ name, payload } as EngineEvent));
    const servers = await this.applyServers(this.options.servers);
    const profile = await callEngine(this.client, 'profile.get', {});
    if (profile) {
      this.presenter.seed(
        await callEngine(this.client, 'contacts.list', {}),
        await callEngine(this.client, 'requests.list', {}),
      );
    }
    this.servers = activeServers(servers);
    this.hasProfile = profile !== null;
    const { version, dataDir } = this.options;
    this.print(this.presenter.ready({ version, dataDir, profile, servers: this.servers }));
    const early = this.early ?? [];
    this.early = undefined;
    for (const event of early) this.print(this.presenter.event(event));
  }

  /** Reads commands until the input ends or the run is stopped; resolves once stopped. */
  async run(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.terminal = openTerminal(this.options);
    const { lines } = this.terminal;
    const ended = new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        if (!this.stopping) this.queue = this.queue.then(() => this.handle(line));
      });
      // The end of the input (or stop() closing it).
      lines.once('close', () => resolve());
      // At a TTY, readline turns Ctrl-C into this event instead of a signal.
      lines.once('SIGINT', () => void this.stop(false).catch(() => undefined));
    });
    await ended;
    return this.stop(true);
  }

  /**
   * Stops once, however asked. At the end of the input the commands already read finish first
   * and messages of this run get a moment to leave; a signal stops at once (the engine still
   * finishes what it holds).
   */
  stop(drain: boolean): Promise<void> {
    this.stopping ??= (async () => {
      if (drain) {
        await this.queue;
        const left = await this.sends.settle(SEND_GRACE_MS);
        if (left > 0) {
          this.print(
            this.presenter.notice(
              `${left} message(s) not sent yet; they go when conclave runs next`,
            ),
          );
        }
      }
      await this.client.close();
    })();
    this.terminal?.close();
    return this.stopping;
  }

  private async handle(raw: string): Promise<void> {
    const line = readInputLine(raw, this.options.json);
    if (line.ok === 'empty') return;
    if (!line.ok) {
      this.print(this.presenter.failure(line.failure, line.corrId));
      return;
    }
    const { command, corrId } = line;
    try {
      const response = await execute(this.client, command);
      if (response.command === 'chat.send') this.sends.sent(response.result);
      if (response.command === 'profile.set') this.hasProfile = true;
      this.print(this.presenter.response(response, corrId));
      if (response.command === 'quit') void this.stop(true);
    } catch (e) {
      this.print(this.presenter.failure(this.explain(e, command), corrId));
    }
  }

  /** A failure in the terminal's words: what to do here, rather than in the app's settings. */
  private explain(e: unknown, command: Command): CliFailure {
    if (!(e instanceof CliFailure)) {
      this.log.error('command failed', {
        command: command.kind,
        error: e instanceof Error ? e : null,
      });
      return new CliFailure('INTERNAL', 'internal error (see the log on stderr)', command.kind);
    }
    if (e.code === 'UNAVAILABLE' && this.servers.length === 0 && this.engineReady()) {
      return new CliFailure(e.code, NO_SERVER_HINT, e.command);
    }
    if (e.code === 'NOT_FOUND' && !this.hasProfile) {
      return new CliFailure(e.code, NO_PROFILE_HINT, e.command);
    }
    return e;
  }

  /** UNAVAILABLE from a running engine means no server; from a stopping one, just that. */
  private engineReady(): boolean {
    return this.client.status.state === 'ready';
  }

  private onEvent(event: EngineEvent): void {
    if (event.name === 'chat.item.updated') this.sends.updated(event.payload);
    if (event.name === 'servers.updated') this.servers = activeServers(event.payload);
    if (event.name === 'profile.updated') this.hasProfile = true;
    if (this.early) this.early.push(event);
    else this.print(this.presenter.event(event));
  }

  private print(lines: readonly string[]): void {
    if (this.terminal) this.terminal.print(lines);
    else writeLines(this.options.output, lines);
  }

  /** --server replaces the custom list (and turns the embedded server off: the CLI has none). */
  private async applyServers(servers: readonly string[]): Promise<ServersView> {
    const current = await callEngine(this.client, 'servers.get', {});
    const same =
      !current.useEmbedded &&
      current.custom.length === servers.length &&
      servers.every((s) => current.custom.includes(s));
    if (servers.length === 0 || same) return current;
    try {
      return await callEngine(this.client, 'servers.set', {
        useEmbedded: false,
        custom: [...servers],
      });
    } catch (e) {
      throw new StartupError(`--server: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
