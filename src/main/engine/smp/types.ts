/**
 * What callers of the SMP client hand in and get back: options, command inputs and results,
 * and the events the client emits.
 */
import type {
  QueueIds,
  QueueLinkData,
  QueueRequest,
  ReceivedMessage,
  SmpServer,
  VersionRange,
} from '../../../protocol/smp';
import type { Logger } from '../log';
import type { BackoffPolicy } from './backoff';
import type { SmpClientError } from './errors';
import type { AuthKey } from './keys';
import type { Timers } from './timers';

export interface SmpClientOptions {
  readonly log?: Logger;
  readonly timers?: Timers;
  /** In [0, 1); for backoff jitter. */
  readonly random?: () => number;
  /** SMP versions offered (default: all this implementation speaks). */
  readonly versions?: VersionRange;
  readonly connectTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
  /** A PING goes out when nothing arrived for this long. */
  readonly pingIntervalMs?: number;
  /** Timeouts in a row that declare a connection dead. */
  readonly maxTimeouts?: number;
  /** Commands in flight per connection; more wait for a slot. */
  readonly maxInFlight?: number;
  readonly backoff?: Partial<BackoffPolicy>;
}

export interface NewQueueRequest {
  readonly rcvAuthKey: AuthKey;
  /** Raw X25519 private key for the recipient's secret with the server. */
  readonly rcvDhPrivateKey: Uint8Array;
  /** Subscribe as part of NEW (default true). */
  readonly subscribe?: boolean;
  /**
   * Queue mode and short-link data. Link data must name the queue's sender id, which is derived
   * from the NEW corrId: pass a function and it is called with that id before NEW is sent.
   */
  readonly queueRequest?: QueueRequest | ((senderId: Uint8Array) => QueueRequest);
}

export interface NewQueue extends QueueIds {
  /** DH(server's queue key, rcvDhPrivateKey): keep it to subscribe and to open messages. */
  readonly rcvDhSecret: Uint8Array;
}

/** The keys of a receive queue that the client keeps while it is subscribed. */
export interface RecipientKeys {
  readonly rcvAuthKey: AuthKey;
  readonly rcvDhSecret: Uint8Array;
}

export interface Delivery {
  readonly msgId: Uint8Array;
  /** A message, or the marker that the queue had been full. */
  readonly message: ReceivedMessage;
}

export interface LinkResponse {
  readonly senderId: Uint8Array;
  readonly data: QueueLinkData;
}

export interface QueueEvent {
  readonly server: SmpServer;
  readonly rcvId: Uint8Array;
}

export interface SmpClientEvents {
  /** A delivered message; ACK it (ack) to get the next one. Redeliveries repeat the msgId. */
  readonly message: QueueEvent & Delivery;
  /** A delivered message that does not open with the queue's secret; ACK it all the same. */
  readonly messageError: QueueEvent & {
    readonly msgId: Uint8Array;
    readonly error: SmpClientError;
  };
  /** Another connection subscribed the queue: it is no longer subscribed here. */
  readonly end: QueueEvent;
  /** The queue was deleted (from another connection). */
  readonly deleted: QueueEvent;
  /** A SUB after reconnecting failed, or the server sent ERR about a queue. */
  readonly subscriptionError: QueueEvent & { readonly error: SmpClientError };
  /** A connection is up and every registered queue of the server was re-subscribed. */
  readonly connected: { readonly server: SmpServer };
  readonly disconnected: { readonly server: SmpServer; readonly error: SmpClientError };
}
