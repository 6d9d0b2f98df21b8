/**
 * SmpClient: the pool of SMP connections (one per server, opened on demand, shared by all its
 * queues) with one method per command the agent needs. Keys come with each call; the client
 * keeps only what its subscriptions need (recipient key and DH secret per receive queue) to
 * re-subscribe after a reconnect and to open MSG bodies.
 */
import { CryptoError, decodeSpki, randomBytes } from '../../../protocol/crypto';
import { base64url, bytesEqual } from '../../../protocol/encoding';
import {
  CORR_ID_SIZE,
  SUPPORTED_SMP_VERSIONS,
  maxMessageLength,
  senderIdFromCorrId,
  smpPortNumber,
  type QueueInfo,
  type QueueLinkData,
  type Response,
  type SmpServer,
} from '../../../protocol/smp';
import { silentLogger, type Logger } from '../log';
import { DEFAULT_BACKOFF } from './backoff';
import { SmpConnection, type ConnectionConfig, type SmpRequest } from './connection';
import { Emitter } from './emitter';
import { SmpClientError } from './errors';
import { expectResponse } from './expect';
import { authKeySpki, dhKeySpki, dhSecret, type AuthKey } from './keys';
import { ServerLink } from './server-link';
import { openMessage, Subscriber } from './subscriber';
import { systemTimers } from './timers';
import type {
  Delivery,
  LinkResponse,
  NewQueue,
  NewQueueRequest,
  RecipientKeys,
  SmpClientEvents,
  SmpClientOptions,
} from './types';

const EMPTY = new Uint8Array(0);

/** Servers are told apart by identity, first host and port (not by password). */
export function smpServerKey(server: SmpServer): string {
  return `${base64url(server.keyHash)}@${server.hosts[0] ?? ''}:${smpPortNumber(server)}`;
}

export class SmpClient {
  readonly events: Emitter<SmpClientEvents>;
  private readonly log: Logger;
  private readonly config: ConnectionConfig;
  private readonly links = new Map<string, ServerLink>();
  private readonly subscriber: Subscriber;
  private closed = false;

  constructor(private readonly options: SmpClientOptions = {}) {
    this.log = options.log ?? silentLogger;
    this.events = new Emitter(this.log);
    this.subscriber = new Subscriber(this.events, this.log);
    this.config = {
      versions: options.versions ?? SUPPORTED_SMP_VERSIONS,
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      commandTimeoutMs: options.commandTimeoutMs ?? 15_000,
      pingIntervalMs: options.pingIntervalMs ?? 60_000,
      maxTimeouts: options.maxTimeouts ?? 3,
      maxInFlight: options.maxInFlight ?? 256,
      timers: options.timers ?? systemTimers,
      log: this.log,
    };
  }

  // ---- recipient commands ----

  /** NEW: creates a queue (subscribed unless `subscribe: false`). */
  async createQueue(server: SmpServer, req: NewQueueRequest): Promise<NewQueue> {
    const corrId = randomBytes(CORR_ID_SIZE);
    const senderId = senderIdFromCorrId(corrId);
    const queueRequest =
      typeof req.queueRequest === 'function' ? req.queueRequest(senderId) : req.queueRequest;
    const subscribe = req.subscribe ?? true;
    const { connection, response } = await this.request(server, {
      entityId: EMPTY,
      command: {
        type: 'NEW',
        rcvAuthKey: authKeySpki(req.rcvAuthKey),
        rcvDhKey: dhKeySpki(req.rcvDhPrivateKey),
        basicAuth: server.basicAuth,
        subscribe,
        queueRequest,
      },
      key: req.rcvAuthKey,
      corrId,
    });
    const ids = expectResponse(response, 'IDS');
    if (queueRequest?.link && !bytesEqual(ids.senderId, senderId)) {
      throw new SmpClientError('PROTOCOL', 'IDS has another sender id than the link data');
    }
    let rcvDhSecret: Uint8Array;
    try {
      rcvDhSecret = dhSecret(decodeSpki('x25519', ids.serverDhKey), req.rcvDhPrivateKey);
    } catch (e) {
      if (e instanceof CryptoError) throw new SmpClientError('PROTOCOL', `IDS: ${e.message}`);
      throw e;
    }
    if (subscribe) {
      const sub = { server, rcvId: ids.recipientId, rcvAuthKey: req.rcvAuthKey, rcvDhSecret };
      this.subscriber.subscribed(smpServerKey(server), sub, connection);
      // The connection may have dropped right after IDS, before the queue was registered.
      this.link(server).keepUp();
    }
    const { type: _type, ...queue } = ids;
    return { ...queue, rcvDhSecret };
  }

  /**
   * SUB: subscribes a receive queue and keeps it subscribed across reconnects until END, DEL,
   * deletion or forget(). A waiting message arrives as a `message` event.
   */
  async subscribe(server: SmpServer, rcvId: Uint8Array, keys: RecipientKeys): Promise<void> {
    const link = this.link(server);
    await this.subscriber.subscribe(smpServerKey(server), server, rcvId, keys, () =>
      link.connection(),
    );
  }

  /** Stops keeping a queue subscribed (locally; SMP has no command for it). */
  forget(server: SmpServer, rcvId: Uint8Array): void {
    this.subscriber.forget(smpServerKey(server), rcvId);
  }

  /** ACK: the next message, if any, follows as a `message` event. */
  async ack(
    server: SmpServer,
    rcvId: Uint8Array,
    rcvAuthKey: AuthKey,
    msgId: Uint8Array,
  ): Promise<void> {
    const { response } = await this.request(server, {
      entityId: rcvId,
      command: { type: 'ACK', msgId },
      key: rcvAuthKey,
    });
    expectResponse(response, 'OK', 'MSG');
  }

  /** GET: one message without subscribing (not on a subscribed queue), or undefined. */
  async get(
    server: SmpServer,
    rcvId: Uint8Array,
    keys: RecipientKeys,
  ): Promise<Delivery | undefined> {
    const { response } = await this.request(server, {
      entityId: rcvId,
      command: { type: 'GET' },
      key: keys.rcvAuthKey,
    });
    const r = expectResponse(response, 'MSG', 'OK');
    if (r.type === 'OK') return undefined;
    return { msgId: r.msgId, message: openMessage(keys.rcvDhSecret, r.msgId, r.body) };
  }

  /** KEY: the recipient secures the queue with the sender's public key (SPKI). */
  async secureQueue(
    server: SmpServer,
    rcvId: Uint8Array,
    rcvAuthKey: AuthKey,
    senderKey: Uint8Array,
  ): Promise<void> {
    await this.ok(server, {
      entityId: rcvId,
      command: { type: 'KEY', senderKey },
      key: rcvAuthKey,
    });
  }

  /** OFF: no more messages can be sent to the queue. */
  async suspend(server: SmpServer, rcvId: Uint8Array, rcvAuthKey: AuthKey): Promise<void> {
    await this.ok(server, { entityId: rcvId, command: { type: 'OFF' }, key: rcvAuthKey });
  }

  /** DEL: deletes the queue and its messages; it is no longer kept subscribed. */
  async deleteQueue(server: SmpServer, rcvId: Uint8Array, rcvAuthKey: AuthKey): Promise<void> {
    await this.ok(server, { entityId: rcvId, command: { type: 'DEL' }, key: rcvAuthKey });
    this.forget(server, rcvId);
  }

  /** QUE: the server's view of the queue (a debugging aid). */
  async queueInfo(server: SmpServer, rcvId: Uint8Array, rcvAuthKey: AuthKey): Promise<QueueInfo> {
    const { response } = await this.request(server, {
      entityId: rcvId,
      command: { type: 'QUE' },
      key: rcvAuthKey,
    });
    return expectResponse(response, 'INFO').info;
  }

  /** LSET: sets the queue's link data; once set, only the user data may change. */
  async setLinkData(
    server: SmpServer,
    rcvId: Uint8Array,
    rcvAuthKey: AuthKey,
    linkId: Uint8Array,
    data: QueueLinkData,
  ): Promise<void> {
    await this.ok(server, {
      entityId: rcvId,
      command: { type: 'LSET', linkId, data },
      key: rcvAuthKey,
    });
  }

  /** LDEL: removes the queue's link data. */
  async deleteLinkData(server: SmpServer, rcvId: Uint8Array, rcvAuthKey: AuthKey): Promise<void> {
    await this.ok(server, { entityId: rcvId, command: { type: 'LDEL' }, key: rcvAuthKey });
  }

  // ---- sender and link-reader commands ----

  /** SKEY: the sender secures a messaging queue with its own key. */
  async secureSndQueue(
    server: SmpServer,
    sndId: Uint8Array,
    senderAuthKey: AuthKey,
  ): Promise<void> {
    await this.ok(server, {
      entityId: sndId,
      command: { type: 'SKEY', senderKey: authKeySpki(senderAuthKey) },
      key: senderAuthKey,
    });
  }

  /** SEND: unauthorized (no key) only while the queue is unsecured, and for contact queues. */
  async send(
    server: SmpServer,
    sndId: Uint8Array,
    senderAuthKey: AuthKey | undefined,
    body: Uint8Array,
    options: { readonly notification?: boolean } = {},
  ): Promise<void> {
    const link = this.link(server);
    const connection = await link.connection();
    const max = maxMessageLength(connection.version);
    if (body.length > max) {
      throw new SmpClientError('BAD_REQUEST', `message of ${body.length} bytes (at most ${max})`);
    }
    const response = await connection.request({
      entityId: sndId,
      command: { type: 'SEND', notification: options.notification ?? false, body },
      key: senderAuthKey,
    });
    expectResponse(response, 'OK');
  }

  /** LGET: reads the link data of a contact or group link. */
  async getLinkData(server: SmpServer, linkId: Uint8Array): Promise<LinkResponse> {
    const { response } = await this.request(server, {
      entityId: linkId,
      command: { type: 'LGET' },
    });
    const r = expectResponse(response, 'LNK');
    return { senderId: r.senderId, data: r.data };
  }

  /** LKEY: reads a 1-time invitation's link data and secures its queue with `senderAuthKey`. */
  async secureGetLinkData(
    server: SmpServer,
    linkId: Uint8Array,
    senderAuthKey: AuthKey,
  ): Promise<LinkResponse> {
    const { response } = await this.request(server, {
      entityId: linkId,
      command: { type: 'LKEY', senderKey: authKeySpki(senderAuthKey) },
      key: senderAuthKey,
    });
    const r = expectResponse(response, 'LNK');
    return { senderId: r.senderId, data: r.data };
  }

  async ping(server: SmpServer): Promise<void> {
    const { response } = await this.request(server, { entityId: EMPTY, command: { type: 'PING' } });
    expectResponse(response, 'PONG');
  }

  /** Whether a connection to the server is up. */
  isConnected(server: SmpServer): boolean {
    return this.links.get(smpServerKey(server))?.connected ?? false;
  }

  /** Closes every connection; later commands fail with CLOSED. */
  close(): void {
    this.closed = true;
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }

  // ---- plumbing ----

  private async request(
    server: SmpServer,
    req: SmpRequest,
  ): Promise<{ connection: SmpConnection; response: Response }> {
    const connection = await this.link(server).connection();
    return { connection, response: await connection.request(req) };
  }

  private async ok(server: SmpServer, req: SmpRequest): Promise<void> {
    expectResponse((await this.request(server, req)).response, 'OK');
  }

  private link(server: SmpServer): ServerLink {
    if (this.closed) throw new SmpClientError('CLOSED', 'SMP client is closed');
    const key = smpServerKey(server);
    let link = this.links.get(key);
    if (!link) {
      link = new ServerLink(server, {
        open: (s, handlers) => SmpConnection.open(s, this.config, handlers),
        backoff: { ...DEFAULT_BACKOFF, ...this.options.backoff },
        random: this.options.random ?? Math.random,
        timers: this.config.timers,
        wanted: () => this.subscriber.wants(key),
        onConnection: (c) => this.subscriber.resubscribe(c, key),
        onEvent: (_c, entityId, event) => this.subscriber.onEvent(server, key, entityId, event),
        onConnected: () => this.events.emit('connected', { server }),
        onDisconnected: (error) => this.events.emit('disconnected', { server, error }),
        onConnectFailed: (error, attempt) =>
          this.log.warn('SMP connection failed', { attempt, error }),
      });
      this.links.set(key, link);
    }
    return link;
  }
}
