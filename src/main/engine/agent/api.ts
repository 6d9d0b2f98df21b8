// The SMP agent's API: everything the chat layer calls and every event it receives, in one file.
//
// The agent turns pairs of SMP queues into end-to-end encrypted duplex connections (X3DH + double
// ratchet, smp-agent.md §2–3) and creates, updates and reads short links (§4). It persists every
// step before the network call it leads to, so a crash at any point resumes on the next start().
//
// Identifiers: connections are named by an opaque, stable `ConnId`; messages by an `AgentMsgId`,
// a per-connection sequence shared by sent and received messages (1, 2, 3, …, like upstream's
// internal id). Confirmations and contact requests have their own opaque ids.
//
// Delivery guarantees to the application:
// - `confirmation` and `request` stay pending in the store until the application acts
//   (allowConnection / acceptContact or rejectContact); every start() emits the pending ones
//   again, with the same ids. The application must treat them idempotently.
// - A `message` not ACKed by the application stays on its server, which delivers it again after
//   a reconnect or restart: it is emitted again with the same AgentMsgId. Once ACKed it is never
//   emitted again.
// - `info`, `connected`, `sent`, `delivered`, `messageError`, `qcont`, `connectionError` and
//   `deleted` (by deleteConnection) are written to an outbox in the same transaction as the state
//   change that causes them and removed once listeners have run: at least once, in order.
// - `messageWarning`, `receiveError`, `subscriptionEnded`, `up`, `down` and `deleted` for a queue
//   the server deleted report what just happened and are not kept.
// - Listeners run synchronously; a listener that throws is logged and does not stop the others.
import type { Database } from '../../../node/sqlite';
import type {
  ContactLinkType,
  ConnLinkData,
  FixedLinkData,
  MsgIntegrity,
  OwnerAuth,
  ShortLinkScheme,
} from '../../../protocol/agent';
import type { SmpServer } from '../../../protocol/smp';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { SmpClient } from '../smp';
import type { AgentError } from './errors';

export type { AgentError, AgentErrorCode } from './errors';

/** Opaque, stable id of a connection (a contact address is a connection too). */
export type ConnId = string;
/** Per-connection sequence number of a sent or received message (a safe integer, from 1). */
export type AgentMsgId = number;
/** Opaque id of a joiner's confirmation waiting for allowConnection. */
export type ConfirmationId = string;
/** Opaque id of a contact request waiting for acceptContact / rejectContact. */
export type InvitationId = string;

// ---------------------------------------------------------------------------------------------
// Creating the agent

export interface AgentOptions {
  /** The engine store, migrated to include the agent tables (store/migrations 0002+). */
  readonly db: Database;
  /** The engine's SMP client pool (src/main/engine/smp); the agent never opens sockets itself. */
  readonly smp: SmpClient;
  readonly clock: Clock;
  readonly log: Logger;
  /**
   * Servers where new receive queues are created (one is picked at random per queue); may be
   * empty, and changed later with setServers.
   */
  readonly servers: readonly SmpServer[];
  /** Preset servers: short links to them are written host-only and restored on reading (§4.1). */
  readonly presetServers?: readonly SmpServer[];
  /** Scheme of the short links we create ('https' by default, as upstream shares them). */
  readonly shortLinkScheme?: ShortLinkScheme;
  /** Send retry schedule (defaults: smp-agent.md §2.11); tests scale it down. */
  readonly retry?: Partial<RetryPolicy>;
  /** Bounds of the skipped-message-key store. */
  readonly skippedKeys?: Partial<SkippedKeyPolicy>;
  /**
   * Test-only fault hook, awaited at every named step of the handshakes (see AgentStep), after
   * the step's state is committed and before the network call it leads to. A test throws here
   * (or stops the agent) to simulate a crash exactly at that step.
   */
  readonly onStep?: (step: AgentStep, connId: ConnId) => Promise<void> | void;
}

export interface RetryPolicy {
  /** First delay after a network error (ms); doubled per attempt with ±25 % jitter. */
  readonly initialDelayMs: number;
  /** Longest delay of the fast phase (ms). */
  readonly fastMaxDelayMs: number;
  /** After this long of failures (ms) the slow phase starts. */
  readonly slowAfterMs: number;
  readonly slowInitialDelayMs: number;
  readonly slowMaxDelayMs: number;
  /** A message not delivered within this time (ms) fails with messageError EXPIRED. */
  readonly expireAfterMs: number;
  /** A message waiting behind a full queue (QUOTA) this long (ms) fails with EXPIRED. */
  readonly quotaExpireAfterMs: number;
}

export interface SkippedKeyPolicy {
  /** Most skipped message keys kept per connection; the oldest are dropped beyond it. */
  readonly maxPerConnection: number;
  /** Skipped keys older than this (ms) are deleted by the periodic sweep. */
  readonly ttlMs: number;
}

/** Handshake steps reported to AgentOptions.onStep (in the order they happen). */
export type AgentStep =
  // creator of an invitation or an address: keys stored, NEW next
  | 'create.queue'
  // joiner (also acceptContact): connection, keys and ratchet stored, SKEY on the peer's queue next
  | 'join.secure'
  // joiner: queue secured, NEW of the reply queue next
  | 'join.replyQueue'
  // joiner: reply queue created, sealed confirmation stored, SEND next
  | 'join.confirm'
  // creator: confirmation stored and reported, server ACK next
  | 'confirmation.received'
  // creator (allowConnection): sender keys and sealed reply stored, SKEY on the reply queue next
  | 'allow.secure'
  // creator: reply queue secured, SEND of the reply confirmation next
  | 'allow.confirm'
  // joiner: the creator's reply received and the connection marked connected, server ACK next
  | 'info.received'
  // requester of a contact address: own invitation connection stored, NEW next
  | 'request.queue'
  // requester: invitation queue created, sealed request stored, SEND to the address next
  | 'request.send'
  // address owner: request stored and reported, server ACK next
  | 'request.received';

/** Creates the agent; nothing touches the network or the store before start(). */
export type CreateAgent = (options: AgentOptions) => Agent;

// ---------------------------------------------------------------------------------------------
// The agent

export interface Agent {
  readonly events: AgentEvents;

  /**
   * Loads state, flushes the event outbox, re-emits pending confirmations and requests,
   * subscribes every receive queue (messages not yet ACKed come again), resumes every unfinished
   * handshake step and restarts delivery of pending messages. Resolves once subscribed.
   */
  start(): Promise<void>;

  /** Stops workers and timers and waits for running steps; the store stays open (owned by the engine). */
  stop(): Promise<void>;

  /**
   * The servers new receive queues go to from now on (queues already created stay where they
   * are). With none, whatever needs a new queue fails with NO_SERVER: createConnection, and a
   * join or contact request whose reply queue is still to be created (the connection fails).
   */
  setServers(servers: readonly SmpServer[]): void;

  /**
   * Creates a receive queue and returns its link.
   * - 'invitation': a one-time link for one peer (`simplex:/invitation#/?…`).
   * - 'contact': a reusable address; each peer's request arrives as a `request` event.
   * With `shortLink`, the queue is created with short-link data in the same NEW (§4.4) and the
   * short link is returned too; the root signing key stays in the store.
   * Errors: NO_SERVER (no server for new queues), NETWORK / SERVER (the queue could not be
   * created; nothing is kept).
   */
  createConnection(
    mode: ConnectionMode,
    options?: CreateConnectionOptions,
  ): Promise<CreatedConnection>;

  /**
   * Adds a short link to an existing contact address that was created without one (LSET).
   * Errors: CONN_NOT_FOUND, CONN_STATE (not an address of ours, or it has a link already).
   */
  createShortLink(connId: ConnId, shortLink: NewShortLink): Promise<string>;

  /**
   * Parses a full or short link and stores a connection ready to join, without sending anything
   * that reveals us, so the application can keep the ConnId before the network steps. A short
   * link is read first (LGET, or LKEY for invitations, which also secures the queue with our
   * key) and verified completely (§4.3). Errors: LINK (malformed), LINK_DATA (verification),
   * VERSION (incompatible), AUTH (the link is gone or already used), NETWORK.
   */
  prepareJoin(link: string): Promise<PreparedJoin>;

  /**
   * Joins an invitation or sends a request to a contact address, with our `connInfo` (the
   * profile). `target` is a ConnId from prepareJoin, or a link (then prepareJoin runs first;
   * ConnIds never contain ':', links always do).
   * Invitation: SKEY on the creator's queue, NEW of our reply queue, SEND of the confirmation;
   * later `info` and `connected`. Address: a new invitation connection of ours, sent to the
   * address; later `confirmation` (call allowConnection) and `connected`.
   * Resolves once the confirmation or request is sent, or queued for retry after a network
   * error (then the outcome arrives as events). Calling it again for the same ConnId continues
   * the same steps. Errors: AUTH (the invitation was used or deleted), VERSION, CONN_STATE.
   */
  joinConnection(target: ConnId, connInfo: Uint8Array): Promise<ConnId>;

  /**
   * Creator side: approves the joiner's confirmation with our `connInfo`. Secures the joiner's
   * reply queue, sends our reply confirmation and emits `connected`. Resolves when sent or queued
   * for retry; idempotent for the same confirmation. Errors: CONN_NOT_FOUND,
   * CONFIRMATION_NOT_FOUND, CONN_STATE.
   */
  allowConnection(
    connId: ConnId,
    confirmationId: ConfirmationId,
    connInfo: Uint8Array,
  ): Promise<void>;

  /**
   * Address owner: accepts a contact request by joining the requester's invitation with our
   * `connInfo`. Returns the new connection; calling it again for the same request returns the same
   * ConnId and continues its steps. Errors: INVITATION_NOT_FOUND, AUTH, VERSION.
   */
  acceptContact(invitationId: InvitationId, connInfo: Uint8Array): Promise<ConnId>;

  /** Address owner: drops a contact request (the requester is not told). */
  rejectContact(invitationId: InvitationId): Promise<void>;

  /**
   * Deletes a connection: its receive queues on the servers (DEL, best effort) and every stored
   * record (keys, ratchet, messages). Emits `deleted`. Idempotent.
   */
  deleteConnection(connId: ConnId): Promise<void>;

  /**
   * Encrypts and stores a message, then delivers it in the background (in order, with retries).
   * Resolves with its AgentMsgId once stored; `sent` follows when the server accepted it,
   * `delivered` when the peer's receipt arrives, or `messageError` on a permanent failure.
   * Errors: CONN_NOT_FOUND, CONN_STATE (not connected yet), LARGE_MSG (body over MAX_MESSAGE_BODY).
   */
  sendMessage(connId: ConnId, body: Uint8Array, options?: SendOptions): Promise<AgentMsgId>;

  /**
   * Acknowledges a `message` event: the stored body is deleted and the server is ACKed, which
   * releases the next message of that queue (until then the queue is stalled). With `receipt`,
   * a delivery receipt carrying it is sent to the peer. Idempotent.
   * Errors: CONN_NOT_FOUND, MESSAGE_NOT_FOUND.
   */
  ackMessage(connId: ConnId, agentMsgId: AgentMsgId, options?: AckOptions): Promise<void>;

  /** A connection's state. Errors: CONN_NOT_FOUND. */
  getConnection(connId: ConnId): Promise<ConnectionInfo>;

  /** Every connection, oldest first. */
  listConnections(): Promise<ConnectionInfo[]>;

  /** The links of a connection we created (full link, and short link if any). */
  getConnectionLinks(connId: ConnId): Promise<ConnectionLinks>;

  /**
   * Replaces the user data behind our short link (LSET with the unchanged fixed data), signed by
   * the root key (default) or an owner key listed in `userData.owners`; the owner chain is
   * validated before anything is sent. Errors: CONN_NOT_FOUND, CONN_STATE (no short link),
   * LINK_DATA (owner chain invalid or the signer is not an owner), NETWORK, SERVER.
   */
  setShortLinkUserData(
    connId: ConnId,
    userData: ShortLinkUserData,
    options?: SetUserDataOptions,
  ): Promise<void>;

  /**
   * Signs an owner authorisation with the root key of our short link, so that `ownerKey` (an
   * Ed25519 public key) may sign user data; list it in `owners` of setShortLinkUserData.
   * Errors: CONN_NOT_FOUND, CONN_STATE (no short link).
   */
  signShortLinkOwner(connId: ConnId, ownerId: Uint8Array, ownerKey: Uint8Array): Promise<OwnerAuth>;

  /**
   * Reads a short link and verifies everything (hash, signatures, owner chain, server and sender
   * ID) before returning it. Nothing is stored, except for invitation links: reading one with
   * LKEY secures its queue with a key we keep, so that joinConnection with the same link can use
   * it (an invitation link can only be read by the one who joins it).
   * Errors: LINK, LINK_DATA (with the LinkDataError code), AUTH, NETWORK.
   */
  getShortLinkData(shortLink: string): Promise<ShortLinkData>;
}

export type ConnectionMode = 'invitation' | 'contact';

export interface CreateConnectionOptions {
  /** `data=` of the full link (application data, e.g. a group link's JSON). */
  readonly clientData?: string;
  /** Also create a short link for the queue, with this data. */
  readonly shortLink?: NewShortLink;
}

export interface NewShortLink {
  /** Contact links only: what the link points to (a: contact, g: group, c: channel, r: relay). */
  readonly type?: ContactLinkType;
  /** Application data in the mutable user data (profile, group profile…). */
  readonly userData: Uint8Array;
  /** Contact links only: joining through the queue itself is allowed (default true). */
  readonly direct?: boolean;
  /** Contact links only: additional owners allowed to sign user data. */
  readonly owners?: readonly OwnerAuth[];
  /** Contact links only: chat relays' short links (text form). */
  readonly relays?: readonly string[];
  /** Immutable application id in the fixed data (e.g. a group's identity). */
  readonly linkEntityId?: Uint8Array;
}

export interface CreatedConnection {
  readonly connId: ConnId;
  /** The full connection link, `simplex:/invitation#/?…` or `simplex:/contact#/?…`. */
  readonly link: string;
  /** The short link, when one was requested. */
  readonly shortLink?: string;
}

export interface PreparedJoin {
  readonly connId: ConnId;
  readonly mode: ConnectionMode;
  /** Verified short-link data when the link was short. */
  readonly linkData?: ShortLinkData;
}

export interface SendOptions {
  /** Ask the recipient's server for a push notification (default true). */
  readonly notify?: boolean;
}

export interface AckOptions {
  /** Send a delivery receipt with this application info (up to 64 KiB). */
  readonly receipt?: Uint8Array;
}

/** Who signs new user data: the stored root key, or an owner's private key. */
export type LinkSigner =
  | { readonly kind: 'root' }
  | { readonly kind: 'owner'; readonly ownerId: Uint8Array; readonly privateKey: Uint8Array };

export interface SetUserDataOptions {
  readonly signer?: LinkSigner;
}

/** New user data of a short link; fields left out keep their current values. */
export interface ShortLinkUserData {
  readonly userData: Uint8Array;
  readonly direct?: boolean;
  readonly owners?: readonly OwnerAuth[];
  readonly relays?: readonly string[];
}

export interface ShortLinkData {
  /** The short link as read (restored to the full server form for preset servers). */
  readonly shortLink: string;
  readonly mode: ConnectionMode;
  /** The full connection link from the fixed data: what joinConnection needs. */
  readonly connLink: string;
  readonly fixedData: FixedLinkData;
  readonly userData: ConnLinkData;
}

export type ConnectionRole = 'initiator' | 'joiner';

/** Where a connection is in its life; handshake statuses move forward only. */
export type ConnectionStatus =
  /** Receive queue being created (never visible: createConnection has not returned yet). */
  | 'new'
  /** Link published, waiting for a confirmation (or, for addresses, requests). */
  | 'pending'
  /** Joiner: stored by prepareJoin, joinConnection not called yet. */
  | 'prepared'
  /** Joiner: securing the creator's queue, creating the reply queue, sending the confirmation. */
  | 'joining'
  /** Joiner: confirmation sent, waiting for the creator's reply. */
  | 'joined'
  /** Creator: a confirmation arrived, waiting for allowConnection. */
  | 'confirmed'
  /** Creator: allowed; securing the reply queue and sending the reply confirmation. */
  | 'allowed'
  /** Requester of an address: creating our invitation queue and sending the request. */
  | 'requesting'
  | 'connected'
  /** A permanent handshake failure (see the `connectionError` event). */
  | 'failed';

export interface ConnectionInfo {
  readonly connId: ConnId;
  readonly mode: ConnectionMode;
  readonly role: ConnectionRole;
  readonly status: ConnectionStatus;
  /** Negotiated agent protocol version (0 until known). */
  readonly agentVersion: number;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ConnectionLinks {
  readonly link: string;
  readonly shortLink?: string;
}

// ---------------------------------------------------------------------------------------------
// Events

export interface AgentEventMap {
  /** Creator: the joiner's confirmation with its connInfo; call allowConnection to continue. */
  readonly confirmation: {
    readonly connId: ConnId;
    readonly confirmationId: ConfirmationId;
    readonly connInfo: Uint8Array;
  };
  /** Address owner: a contact request; call acceptContact or rejectContact. */
  readonly request: {
    readonly contactConnId: ConnId;
    readonly invitationId: InvitationId;
    readonly connInfo: Uint8Array;
  };
  /** Joiner: the creator's connInfo arrived (just before `connected`). */
  readonly info: { readonly connId: ConnId; readonly connInfo: Uint8Array };
  /** The connection can carry messages both ways. */
  readonly connected: { readonly connId: ConnId };
  /**
   * A message; the application MUST call ackMessage (the queue is stalled until it does).
   * Integrity problems (skipped ids, an id out of order or repeated) are reported here, never
   * swallowed: such a message is still delivered with `integrity.ok === false`. A message that
   * names the wrong previous-message hash is refused instead (`receiveError` with code
   * INTEGRITY) and nothing of it is stored.
   */
  readonly message: {
    readonly connId: ConnId;
    readonly agentMsgId: AgentMsgId;
    readonly body: Uint8Array;
    readonly integrity: MsgIntegrity;
    /** The sender's sequence number of this message. */
    readonly sndMsgId: bigint;
    /** When the server received it. */
    readonly brokerTs: Date;
    /** The sender asked for a notification. */
    readonly notify: boolean;
  };
  /** The server accepted our message. */
  readonly sent: { readonly connId: ConnId; readonly agentMsgId: AgentMsgId };
  /** The peer's delivery receipt for our message (its hash matched, or not). */
  readonly delivered: {
    readonly connId: ConnId;
    readonly agentMsgId: AgentMsgId;
    readonly status: 'ok' | 'badMsgHash';
    readonly receiptInfo: Uint8Array;
  };
  /**
   * Our message could not be sent yet and will be retried: QUOTA (the peer's queue is full until
   * it drains it) or NETWORK. Reported once per message.
   */
  readonly messageWarning: {
    readonly connId: ConnId;
    readonly agentMsgId: AgentMsgId;
    readonly error: AgentError;
  };
  /** Our message will not be delivered. */
  readonly messageError: {
    readonly connId: ConnId;
    readonly agentMsgId: AgentMsgId;
    readonly error: AgentError;
  };
  /** The peer's queue had been full (QUOTA) and has room again; delivery continues. */
  readonly qcont: { readonly connId: ConnId };
  /** A received message could not be used (tampered, replayed, undecryptable); it was ACKed and nothing was stored. */
  readonly receiveError: { readonly connId: ConnId; readonly error: AgentError };
  /** A permanent failure of the connection or its handshake (e.g. AUTH: the invitation is gone). */
  readonly connectionError: { readonly connId: ConnId; readonly error: AgentError };
  /** The connection was deleted (by deleteConnection, or its queue by the server: DELD). */
  readonly deleted: { readonly connId: ConnId };
  /** Another client subscribed one of our queues (END): we no longer receive on it. */
  readonly subscriptionEnded: { readonly connId: ConnId };
  /** Subscriptions to a server are active (after start or a reconnect). */
  readonly up: { readonly server: string; readonly connIds: readonly ConnId[] };
  /** The connection to a server was lost; the SMP client reconnects and re-subscribes. */
  readonly down: { readonly server: string; readonly connIds: readonly ConnId[] };
}

export type AgentEventName = keyof AgentEventMap;

export interface AgentEvents {
  /** Adds a listener; returns a function that removes it. */
  on<E extends AgentEventName>(event: E, listener: (payload: AgentEventMap[E]) => void): () => void;
}

/**
 * Largest application body of one message: the 15840-byte padded agent message less its length
 * (2) and header: 'M', sender id (8), previous hash (33), 'M'.
 */
export const MAX_MESSAGE_BODY = 15_795;
