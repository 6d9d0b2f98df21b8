// The running server without its sockets: the queue state, the store, the subscribers and the
// open connections. Listeners hand it transports; stop() closes connections and the store.
import { nowSeconds, type Clock } from './clock';
import type { CommandSettings, ServerContext } from './commands/context';
import { expireQueue, forgetUnsubscribed } from './commands/delivery';
import { ClientConnection, type ConnectionHost } from './connection/client-connection';
import type { ServerConfig } from './config';
import type { ServerIdentity } from './identity/server-identity';
import type { Logger } from './log';
import { BodyCache } from './queues/body-cache';
import type { Queue } from './queues/queue';
import { QueueRegistry } from './queues/queue-registry';
import { Subscribers } from './queues/subscribers';
import type { QueueStore } from './store/queue-store';
import type { BlockTransport } from './transport/block-transport';

export interface ServerCoreOptions {
  readonly config: ServerConfig;
  readonly identity: ServerIdentity;
  readonly store: QueueStore;
  /** The stored queues to serve (from QueueStore.open). */
  readonly queues: readonly Queue[];
  readonly clock: Clock;
  readonly log: Logger;
}

export class ServerCore {
  readonly ctx: ServerContext;
  private readonly connections = new Set<ClientConnection>();
  private readonly host: ConnectionHost;
  private nextConnectionId = 1;

  constructor(private readonly options: ServerCoreOptions) {
    const { config, store, clock, log } = options;
    const settings: CommandSettings = {
      quota: config.quota,
      messageTtlSeconds: config.messageTtlSeconds,
      basicAuth: config.basicAuth,
      maxSubscriptions: config.limits.maxSubscriptions,
    };
    const queues = new QueueRegistry();
    for (const q of options.queues) queues.add(q);
    this.ctx = {
      settings,
      clock,
      queues,
      store,
      subscribers: new Subscribers(),
      bodies: new BodyCache(config.limits.cachedBodyBytes),
      log,
    };
    this.host = {
      ctx: this.ctx,
      identity: options.identity,
      limits: config.limits,
      closed: (c) => {
        this.connections.delete(c);
        this.ctx.subscribers.release(c);
        forgetUnsubscribed(this.ctx, c);
      },
    };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Serves a new transport, unless the server is at its connection limit. */
  accept(transport: BlockTransport): void {
    if (this.connections.size >= this.options.config.limits.maxConnections) {
      this.ctx.log.warn('connection refused: too many connections');
      transport.close();
      return;
    }
    const connection = new ClientConnection(this.nextConnectionId++, transport, this.host);
    this.connections.add(connection);
    connection.start();
  }

  /** Removes expired messages from every queue; returns how many were removed. */
  expireMessages(): number {
    let removed = 0;
    for (const q of this.ctx.queues.all()) removed += expireQueue(this.ctx, q);
    if (removed > 0) {
      this.ctx.log.info('expired messages removed', {
        count: removed,
        at: nowSeconds(this.ctx.clock),
      });
    }
    return removed;
  }

  /** Closes every connection, then the store (after its queued writes). */
  async stop(): Promise<void> {
    for (const c of [...this.connections]) c.close('server stopping');
    await this.ctx.store.close();
  }
}
