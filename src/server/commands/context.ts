// What command handlers work with: the server's state (queues, store, subscribers, settings,
// clock) and the connection a command came on.
import type { Response } from '../../protocol/smp/responses';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { BodyCache } from '../queues/body-cache';
import type { QueueRegistry } from '../queues/queue-registry';
import type { Subscribers } from '../queues/subscribers';
import type { QueueStore } from '../store/queue-store';
import type { Queue } from '../queues/queue';
import type { Command } from '../../protocol/smp/commands';

export interface CommandSettings {
  /** Messages a queue holds before SEND gets ERR QUOTA. */
  readonly quota: number;
  readonly messageTtlSeconds: number;
  /** When set, NEW must carry this password. */
  readonly basicAuth: string | undefined;
  readonly maxSubscriptions: number;
}

export interface ServerContext {
  readonly settings: CommandSettings;
  readonly clock: Clock;
  readonly queues: QueueRegistry;
  readonly store: QueueStore;
  readonly subscribers: Subscribers;
  /** Bodies of waiting messages of subscribed queues (SQLite has them all). */
  readonly bodies: BodyCache;
  readonly log: Logger;
}

/** A queue this connection subscribed to (SUB) or read with GET. */
export interface Subscription {
  readonly recipientId: Uint8Array;
  /** 'subscribe': messages are pushed one at a time; 'get': the connection uses GET only. */
  readonly mode: 'subscribe' | 'get';
  /** The message delivered and not yet acknowledged. */
  delivered: Uint8Array | undefined;
}

/** The connection side that handlers see. */
export interface ClientSession {
  /** Distinguishes connections in logs. */
  readonly id: number;
  readonly version: number;
  readonly sessionId: Uint8Array;
  /** Private half of this session's X25519 key (verifies command authenticators). */
  readonly sessionPrivateKey: Uint8Array;
  readonly subscriptions: Map<string, Subscription>;
  /** Sends a server event (empty corrId) on this connection. */
  sendEvent(entityId: Uint8Array, event: Response): void;
}

export interface CommandCall<C extends Command = Command> {
  readonly ctx: ServerContext;
  readonly session: ClientSession;
  readonly corrId: Uint8Array;
  readonly entityId: Uint8Array;
  readonly command: C;
  /** The queue the verification found (absent for NEW and PING). */
  readonly queue: Queue | undefined;
}

/** The response to a command, and what to do once it has been queued for sending. */
export interface Outcome {
  readonly response: Response;
  /** Runs after the response is queued, so that events it sends follow the response. */
  readonly afterwards?: (() => void) | undefined;
}

export function reply(response: Response, afterwards?: () => void): Outcome {
  return { response, afterwards };
}

export const OK: Outcome = reply({ type: 'OK' });

export function errorOutcome(error: Extract<Response, { type: 'ERR' }>['error']): Outcome {
  return reply({ type: 'ERR', error });
}

/** The call of one command type. */
export type CallOf<T extends Command['type']> = CommandCall<Command & { readonly type: T }>;

/** The queue a handler acts on: the verification found it for every queue command. */
export function queueOf(call: CommandCall): Queue {
  if (!call.queue) throw new Error(`${call.command.type} reached its handler without a queue`);
  return call.queue;
}
