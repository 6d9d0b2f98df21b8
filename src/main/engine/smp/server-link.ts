/**
 * The life of the client's connection to one server: opened on demand and shared by every
 * command for that server; when it breaks while receive queues need it, reopened with
 * exponential backoff, and on every new connection the owner re-subscribes before the link
 * reports itself connected.
 */
import type { SmpServer } from '../../../protocol/smp';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { ConnectionHandlers, SmpConnection } from './connection';
import { SmpClientError } from './errors';
import type { Timers } from './timers';

export interface ServerLinkDeps {
  readonly open: (server: SmpServer, handlers: ConnectionHandlers) => Promise<SmpConnection>;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  readonly timers: Timers;
  /** Whether the server is needed without a command asking for it (receive queues). */
  wanted(): boolean;
  /** Runs on every new connection (re-subscription); must not reject. */
  onConnection(connection: SmpConnection): Promise<void>;
  onEvent: ConnectionHandlers['onEvent'];
  onConnected(): void;
  onDisconnected(error: SmpClientError): void;
  /** A connection attempt failed (whether a command or a reconnect timer asked for it). */
  onConnectFailed(error: SmpClientError, attempt: number): void;
}

export class ServerLink {
  private current: SmpConnection | undefined;
  private connecting: Promise<SmpConnection> | undefined;
  private failedAttempts = 0;
  private cancelRetry: (() => void) | undefined;
  private closed = false;

  constructor(
    readonly server: SmpServer,
    private readonly deps: ServerLinkDeps,
  ) {}

  get connected(): boolean {
    return this.current !== undefined && !this.current.closed;
  }

  /** Whether a reconnect is waiting for its backoff timer. */
  get retryPending(): boolean {
    return this.cancelRetry !== undefined;
  }

  /** The open connection, or a new one (a command does not wait for the backoff timer). */
  connection(): Promise<SmpConnection> {
    if (this.closed) return Promise.reject(new SmpClientError('CLOSED', 'SMP client is closed'));
    if (this.current && !this.current.closed) return Promise.resolve(this.current);
    return (this.connecting ??= this.connect());
  }

  /** Reconnects after the backoff delay if the server is wanted and no connection is up. */
  keepUp(): void {
    if (!this.connected) this.scheduleRetry();
  }

  /** Closes the connection and stops reconnecting; no events follow. */
  close(): void {
    this.closed = true;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.current?.close();
    this.current = undefined;
  }

  private async connect(): Promise<SmpConnection> {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    let connection: SmpConnection;
    try {
      connection = await this.deps.open(this.server, {
        onEvent: this.deps.onEvent,
        onClose: (c, error) => this.onClose(c, error),
      });
    } catch (e) {
      this.connecting = undefined;
      const error = e instanceof SmpClientError ? e : new SmpClientError('NETWORK', String(e));
      this.deps.onConnectFailed(error, this.failedAttempts++);
      this.scheduleRetry();
      throw error;
    }
    this.connecting = undefined;
    if (this.closed) {
      connection.close();
      throw new SmpClientError('CLOSED', 'SMP client is closed');
    }
    this.current = connection;
    this.failedAttempts = 0;
    void this.deps.onConnection(connection).then(() => {
      if (this.current === connection && !connection.closed) this.deps.onConnected();
    });
    return connection;
  }

  private onClose(connection: SmpConnection, error: SmpClientError): void {
    if (this.current !== connection || this.closed) return;
    this.current = undefined;
    this.deps.onDisconnected(error);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.cancelRetry || this.connecting || !this.deps.wanted()) return;
    const delay = backoffDelay(this.failedAttempts, this.deps.backoff, this.deps.random);
    this.cancelRetry = this.deps.timers.after(delay, () => {
      this.cancelRetry = undefined;
      // A failure schedules the next attempt by itself.
      this.connection().catch(() => undefined);
    });
  }
}
