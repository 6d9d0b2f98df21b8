/**
 * The receiving side of the client: keeps receive queues subscribed (SUB now, and again on
 * every new connection to their server), and turns server events into client events, opening
 * MSG bodies with the queue's DH secret.
 */
import { bytesEqual } from '../../../protocol/encoding';
import { decryptReceivedMessage, type Response, type SmpServer } from '../../../protocol/smp';
import type { Logger } from '../log';
import type { SmpConnection } from './connection';
import type { Emitter } from './emitter';
import { isTemporary, SmpClientError } from './errors';
import { expectResponse } from './expect';
import { SubscriptionRegistry, type Subscription } from './subscriptions';
import type { Delivery, RecipientKeys, SmpClientEvents } from './types';

export class Subscriber {
  private readonly registry = new SubscriptionRegistry();

  constructor(
    private readonly events: Emitter<SmpClientEvents>,
    private readonly log: Logger,
  ) {}

  /** Whether any queue of the server is to be kept subscribed. */
  wants(serverKey: string): boolean {
    return this.registry.hasServer(serverKey);
  }

  /** Subscribes over `connection` (opened by the caller) unless that already happened. */
  async subscribe(
    serverKey: string,
    server: SmpServer,
    rcvId: Uint8Array,
    keys: RecipientKeys,
    connection: () => Promise<SmpConnection>,
  ): Promise<void> {
    const known = this.registry.get(serverKey, rcvId);
    const sub = known && sameKeys(known, keys) ? known : { server, rcvId, ...keys };
    this.registry.set(serverKey, sub);
    const c = await connection();
    // Opening the connection re-subscribes every registered queue, this one included.
    if (sub.sent?.on === c) return sub.sent.result;
    // Back in the registry if END or DELD removed it while connecting: the caller asks again.
    this.registry.set(serverKey, sub);
    return this.send(c, serverKey, sub);
  }

  /** A queue that NEW created subscribed on `connection`. */
  subscribed(serverKey: string, sub: Subscription, connection: SmpConnection): void {
    sub.sent = { on: connection, result: Promise.resolve() };
    this.registry.set(serverKey, sub);
  }

  forget(serverKey: string, rcvId: Uint8Array): void {
    this.registry.delete(serverKey, rcvId);
  }

  /** SUB for every registered queue of the server; the writer batches them into blocks. */
  async resubscribe(connection: SmpConnection, serverKey: string): Promise<void> {
    await Promise.all(
      this.registry.forServer(serverKey).map((sub) =>
        this.send(connection, serverKey, sub).catch((error: unknown) => {
          // A broken connection re-subscribes on the next one; anything else is the owner's.
          if (connection.closed || !(error instanceof SmpClientError)) return;
          this.events.emit('subscriptionError', { server: sub.server, rcvId: sub.rcvId, error });
        }),
      ),
    );
  }

  onEvent(server: SmpServer, serverKey: string, rcvId: Uint8Array, event: Response): void {
    switch (event.type) {
      case 'MSG':
        return this.deliver(server, serverKey, rcvId, event.msgId, event.body);
      case 'END':
        this.registry.delete(serverKey, rcvId);
        return this.events.emit('end', { server, rcvId });
      case 'DELD':
        this.registry.delete(serverKey, rcvId);
        return this.events.emit('deleted', { server, rcvId });
      case 'ERR':
        return this.events.emit('subscriptionError', {
          server,
          rcvId,
          error: SmpClientError.server(event.error),
        });
      default:
        return;
    }
  }

  private send(connection: SmpConnection, serverKey: string, sub: Subscription): Promise<void> {
    const result: Promise<void> = connection
      .request({ entityId: sub.rcvId, command: { type: 'SUB' }, key: sub.rcvAuthKey })
      .then((response) => void expectResponse(response, 'OK', 'SOK', 'MSG'))
      .catch((error: unknown) => {
        // Sent again by the next subscribe() or reconnect, unless the server refused it.
        if (sub.sent?.result === result) sub.sent = undefined;
        const refused = !isTemporary(error) && !(connection.closed && isClosing(error));
        if (refused) this.registry.delete(serverKey, sub.rcvId, sub);
        throw error;
      });
    sub.sent = { on: connection, result };
    return result;
  }

  private deliver(
    server: SmpServer,
    serverKey: string,
    rcvId: Uint8Array,
    msgId: Uint8Array,
    body: Uint8Array,
  ): void {
    const sub = this.registry.get(serverKey, rcvId);
    if (!sub) {
      this.log.warn('message for a queue without subscription');
      return;
    }
    let message: Delivery['message'];
    try {
      message = openMessage(sub.rcvDhSecret, msgId, body);
    } catch (e) {
      if (!(e instanceof SmpClientError)) throw e;
      return this.events.emit('messageError', { server, rcvId, msgId, error: e });
    }
    this.events.emit('message', { server, rcvId, msgId, message });
  }
}

/** Opens a MSG body; one that does not open or parse is a PROTOCOL error. */
export function openMessage(
  rcvDhSecret: Uint8Array,
  msgId: Uint8Array,
  body: Uint8Array,
): Delivery['message'] {
  try {
    return decryptReceivedMessage(rcvDhSecret, msgId, body);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new SmpClientError('PROTOCOL', `message does not open: ${reason}`);
  }
}

function sameKeys(sub: Subscription, keys: RecipientKeys): boolean {
  return (
    sub.rcvAuthKey.algorithm === keys.rcvAuthKey.algorithm &&
    bytesEqual(sub.rcvAuthKey.privateKey, keys.rcvAuthKey.privateKey) &&
    bytesEqual(sub.rcvDhSecret, keys.rcvDhSecret)
  );
}

function isClosing(e: unknown): boolean {
  return e instanceof SmpClientError && e.kind === 'CLOSED';
}
