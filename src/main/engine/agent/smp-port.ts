// What the agent needs from the engine's SMP client pool (src/main/engine/smp), as a structural
// type: the agent depends on this much and nothing more, and tests of the agent use the real
// client. Every method may reject with SmpClientError (kind NETWORK/TIMEOUT are temporary;
// SERVER carries the server's ERR).
import type { QueueIds, QueueLinkData, QueueRequest, SmpServer } from '../../../protocol/smp';
import type { AuthKey } from '../smp/keys';

export interface NewQueueRequest {
  /** The queue's recipient auth key. */
  readonly recipientKey: AuthKey;
  /** Raw X25519 private key whose public half the server uses to re-encrypt deliveries. */
  readonly dhPrivateKey: Uint8Array;
  /** Subscribe in the same NEW. */
  readonly subscribe: boolean;
  readonly queueRequest?: QueueRequest;
  /**
   * The corrId of the NEW transmission (24 bytes): a short-link queue's sender ID is derived
   * from it (SHA3-384), so the caller chooses it.
   */
  readonly corrId?: Uint8Array;
}

export interface LinkReply {
  readonly senderId: Uint8Array;
  readonly data: QueueLinkData;
}

/** A message pushed by the server for a subscribed queue (MSG), still server-encrypted. */
export interface SmpMessageEvent {
  readonly server: SmpServer;
  readonly recipientId: Uint8Array;
  readonly msgId: Uint8Array;
  /** The MSG body: box(rcvDhSecret, msgId, …), opened with decryptReceivedMessage. */
  readonly body: Uint8Array;
}

export interface SmpQueueEvent {
  readonly server: SmpServer;
  readonly recipientId: Uint8Array;
}

export interface SmpServerEvent {
  readonly server: SmpServer;
}

export interface AgentSmpEventMap {
  readonly message: SmpMessageEvent;
  /** END: another connection subscribed the queue. */
  readonly end: SmpQueueEvent;
  /** DELD: the queue was deleted. */
  readonly deleted: SmpQueueEvent;
  /** Connected (again) to a server; its subscriptions were restored. */
  readonly connected: SmpServerEvent;
  readonly disconnected: SmpServerEvent;
}

export interface AgentSmpClient {
  createQueue(server: SmpServer, request: NewQueueRequest): Promise<QueueIds>;
  /** SUB; a waiting message arrives as a `message` event. */
  subscribe(server: SmpServer, recipientId: Uint8Array, recipientKey: AuthKey): Promise<void>;
  /** ACK; ERR NO_MSG means it was acknowledged already. */
  ack(
    server: SmpServer,
    recipientId: Uint8Array,
    recipientKey: AuthKey,
    msgId: Uint8Array,
  ): Promise<void>;
  /** SKEY: the sender secures the queue (idempotent with the same key). */
  secureSndQueue(server: SmpServer, senderId: Uint8Array, senderKey: AuthKey): Promise<void>;
  /** SEND, authorized with `senderKey` when given (unsecured and contact queues take none). */
  send(
    server: SmpServer,
    senderId: Uint8Array,
    senderKey: AuthKey | undefined,
    body: Uint8Array,
    notification: boolean,
  ): Promise<void>;
  /** DEL. */
  deleteQueue(server: SmpServer, recipientId: Uint8Array, recipientKey: AuthKey): Promise<void>;
  /** LSET. */
  setLinkData(
    server: SmpServer,
    recipientId: Uint8Array,
    recipientKey: AuthKey,
    linkId: Uint8Array,
    data: QueueLinkData,
  ): Promise<void>;
  /** LGET (contact links). */
  getLinkData(server: SmpServer, linkId: Uint8Array): Promise<LinkReply>;
  /** LKEY (invitation links): secures the queue with `senderKey` and returns the link data. */
  secureGetLinkData(server: SmpServer, linkId: Uint8Array, senderKey: AuthKey): Promise<LinkReply>;
  on<E extends keyof AgentSmpEventMap>(
    event: E,
    listener: (payload: AgentSmpEventMap[E]) => void,
  ): () => void;
}
