// The chat layer's life: on start it opens the SMP client pool and, when a server is configured,
// the agent (listeners first, so nothing the agent re-emits at start is missed), then finishes
// what a previous run left: failed sends, connection deletions, acceptances. On stop it ends the
// agent, the queued work and the SMP connections; the store stays open for its owner.
import type { Database } from '../../../node/sqlite';
import { cryptoReady } from '../../../protocol/crypto';
import { parseSmpServer, type SmpServer } from '../../../protocol/smp';
import { ContractError } from '../../../shared/ipc';
import type { ServerTestResult, ServersUpdate, ServersView } from '../../../shared/models/servers';
import {
  createAgent,
  type Agent,
  type AgentEventMap,
  type AgentOptions,
  type ConnId,
} from '../agent';
import type { Clock } from '../clock';
import { unavailable } from '../context';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { SmpClient, type SmpClientOptions } from '../smp';
import { ConnDeleter } from './conn-deleter';
import type { ChatContext } from './context';
import { onDelivered, onMessageError, onSent } from './delivery';
import { noServerError } from './errors';
import { onConfirmation, onConnected, onConnectionError, onInfo } from './handshake';
import { onAgentMessage } from './receive';
import { onContactRequest, resumeAccepting } from './requests';
import { KeyedSerial } from './serial';
import { activeServers, serversView, testServer, type EmbeddedServer } from './servers';
import { failUndeliveredItems } from './store/items';
import { readServerSettings, writeServerSettings, type ServerSettings } from './store/servers';

export interface ChatRuntimeOptions {
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: EventBus;
  /** Started by the host (Electron main, the browser host, the CLI, tests). */
  readonly embeddedServer?: EmbeddedServer | undefined;
  /** Why the host's embedded server is not running, when it could not start it. */
  readonly embeddedServerError?: string | undefined;
  /** Agent tuning (tests scale the retry schedule down). */
  readonly agent?: Pick<AgentOptions, 'retry' | 'skippedKeys' | 'shortLinkScheme'>;
  readonly smp?: Omit<SmpClientOptions, 'log'>;
  /** How long a server test may take (ms). */
  readonly serverTestTimeoutMs?: number;
  /** How long a resumed deletion waits for its last message before deleting anyway (ms). */
  readonly deletionGraceMs?: number;
}

interface Running {
  readonly db: Database;
  readonly smp: SmpClient;
  readonly ctx: ChatContext;
  readonly deleter: ConnDeleter;
  readonly serial: KeyedSerial;
  /** Started once there is a server for new queues; told of every change after that. */
  agent(): Agent | null;
  setAgent(agent: Agent): void;
  unlisten: (() => void)[];
}

export class ChatRuntime {
  private running: Running | null = null;

  constructor(private readonly options: ChatRuntimeOptions) {}

  async start(db: Database): Promise<void> {
    await cryptoReady();
    const { log, clock, events } = this.options;
    const settings = await readServerSettings(db);
    const serial = new KeyedSerial();
    const smp = new SmpClient({ ...this.options.smp, log: log.child('smp') });
    let agent: Agent | null = null;
    const deleter = new ConnDeleter(
      db,
      () => agent,
      log.child('deleter'),
      this.options.deletionGraceMs,
    );
    const ctx: ChatContext = {
      db,
      events,
      log: log.child('chat'),
      serial,
      deleter,
      now: () => clock.now().toISOString(),
      agent: () => {
        if (!agent) throw noServerError();
        return agent;
      },
    };
    const running: Running = {
      db,
      smp,
      ctx,
      deleter,
      serial,
      agent: () => agent,
      setAgent: (a) => {
        agent = a;
      },
      unlisten: [],
    };
    this.running = running;
    // Items whose send never reached the agent (the app stopped in between) failed.
    await db.transaction((tx) =>
      failUndeliveredItems(tx, 'not sent: the app stopped before sending'),
    );
    const servers = activeServers(settings, this.options.embeddedServer, log);
    if (servers.length > 0) await this.startAgent(running, servers);
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    // The agent first: what it emits while finishing (a `sent`, say) is still handled here.
    await running.agent()?.stop();
    for (const u of running.unlisten) u();
    await running.serial.idle();
    await running.deleter.stop();
    running.smp.close();
  }

  /** The chat layer's context; UNAVAILABLE while the engine is not running. */
  context(): ChatContext {
    if (!this.running) throw unavailable();
    return this.running.ctx;
  }

  // ---- servers ----

  async readServers(): Promise<ServersView> {
    const { db } = this.require();
    return this.view(await readServerSettings(db));
  }

  testServer(address: string): Promise<ServerTestResult> {
    return testServer(address, this.testOptions());
  }

  /** Saves the server settings after testing every newly added server. */
  async setServers(update: ServersUpdate): Promise<ServersView> {
    const running = this.require();
    const custom = [...new Set(update.custom)];
    for (const address of custom) {
      try {
        parseSmpServer(address);
      } catch (e) {
        throw new ContractError(
          'INVALID',
          `${address}: ${e instanceof Error ? e.message : 'invalid'}`,
        );
      }
    }
    if (!update.useEmbedded && custom.length === 0) {
      throw new ContractError('INVALID', 'keep the embedded server or add a server of your own');
    }
    const saved = await readServerSettings(running.db);
    const added = custom.filter((a) => !saved.custom.includes(a));
    const results = await Promise.all(added.map((a) => testServer(a, this.testOptions())));
    results.forEach((r, i) => {
      if (!r.ok)
        throw new ContractError('NETWORK', `${added[i] ?? ''}: ${r.error ?? 'test failed'}`);
    });
    const settings: ServerSettings = { useEmbedded: update.useEmbedded, custom };
    await running.db.transaction((tx) => writeServerSettings(tx, settings, running.ctx.now()));
    const servers = activeServers(settings, this.options.embeddedServer, this.options.log);
    const agent = running.agent();
    if (agent) agent.setServers(servers);
    else if (servers.length > 0) await this.startAgent(running, servers);
    const view = this.view(settings);
    this.options.events.emit('servers.updated', view);
    return view;
  }

  // ---- internals ----

  private require(): Running {
    if (!this.running) throw unavailable();
    return this.running;
  }

  private view(settings: ServerSettings): ServersView {
    const { embeddedServer, embeddedServerError } = this.options;
    return serversView(settings, embeddedServer, embeddedServerError);
  }

  private testOptions() {
    return {
      log: this.options.log.child('server-test'),
      ...(this.options.serverTestTimeoutMs !== undefined && {
        timeoutMs: this.options.serverTestTimeoutMs,
      }),
    };
  }

  private async startAgent(running: Running, servers: readonly SmpServer[]): Promise<void> {
    const agent = createAgent({
      ...this.options.agent,
      db: running.db,
      smp: running.smp,
      clock: this.options.clock,
      log: this.options.log.child('agent'),
      servers,
    });
    running.setAgent(agent);
    running.unlisten = this.listen(running, agent);
    await agent.start();
    await running.deleter.resume();
    // Network steps: in the background, so start() does not wait for servers.
    void resumeAccepting(running.ctx);
  }

  /** Every agent event runs in its connection's queue; failures are logged, never thrown. */
  private listen(running: Running, agent: Agent): (() => void)[] {
    const { ctx, serial, deleter } = running;
    const queued =
      <E extends keyof AgentEventMap>(
        event: E,
        key: (ev: AgentEventMap[E]) => ConnId,
        handle: (ctx: ChatContext, ev: AgentEventMap[E]) => Promise<void>,
      ) =>
      (ev: AgentEventMap[E]) => {
        serial
          .run(key(ev), () => handle(ctx, ev))
          .catch((e: unknown) => {
            if (this.running === running) {
              ctx.log.warn('agent event not handled', {
                event,
                error: e instanceof Error ? e : null,
              });
            }
          });
      };
    const byConn = (ev: { connId: ConnId }) => ev.connId;
    return [
      agent.events.on('confirmation', queued('confirmation', byConn, onConfirmation)),
      agent.events.on('info', queued('info', byConn, onInfo)),
      agent.events.on('connected', queued('connected', byConn, onConnected)),
      agent.events.on(
        'request',
        queued('request', (ev) => ev.contactConnId, onContactRequest),
      ),
      agent.events.on(
        'message',
        queued('message', byConn, async (c, ev) => {
          if (!ev.integrity.ok) {
            c.log.warn('message integrity problem reported by the agent', {
              error: ev.integrity.error,
            });
          }
          await onAgentMessage(c, ev);
        }),
      ),
      agent.events.on('sent', (ev) => {
        deleter.messageSettled(ev.connId, ev.agentMsgId);
        queued('sent', byConn, onSent)(ev);
      }),
      agent.events.on('delivered', queued('delivered', byConn, onDelivered)),
      agent.events.on('messageError', (ev) => {
        deleter.messageSettled(ev.connId, ev.agentMsgId);
        queued('messageError', byConn, onMessageError)(ev);
      }),
      agent.events.on('deleted', (ev) => deleter.connectionGone(ev.connId)),
      agent.events.on('connectionError', queued('connectionError', byConn, onConnectionError)),
      agent.events.on('receiveError', (ev) => {
        ctx.log.info('received message unusable', { error: ev.error });
      }),
    ];
  }
}
