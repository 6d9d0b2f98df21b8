/**
 * One TLS connection to one SMP server: handshake, then commands matched to their responses by
 * corrId (each with a timeout, at most `maxInFlight` at a time), server events handed to the
 * owner, PING while idle, and a dead-connection verdict after `maxTimeouts` timeouts in a row.
 * Nothing the server sends can throw out of here: bad input is a typed error or a log line.
 */
import type { TLSSocket } from 'node:tls';
import { CryptoError, randomBytes, x25519KeyPair } from '../../../protocol/crypto';
import { bytesEqual, DecodeError, EncodeError } from '../../../protocol/encoding';
import {
  CORR_ID_SIZE,
  authorizedBytes,
  decodeBatch,
  decodeResponse,
  decodeTransmission,
  encodeCommand,
  encodeTransmission,
  fitsBlock,
  responseCredentialError,
  type Command,
  type Response,
  type SmpServer,
  type VersionRange,
} from '../../../protocol/smp';
import type { Logger } from '../log';
import { BlockFramer } from './block-framer';
import { BlockWriter } from './block-writer';
import { Capacity } from './capacity';
import { SmpClientError } from './errors';
import { answerServerHello, type SmpSession } from './handshake';
import { authorize, type AuthKey } from './keys';
import { PendingRequests } from './pending';
import type { Timers } from './timers';
import { connectTls, peerChain, SMP_ALPN, tlsUnique } from './tls';

export interface ConnectionConfig {
  readonly versions: VersionRange;
  /** TCP, TLS and the SMP handshake together. */
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  /** A PING goes out when nothing arrived for this long. */
  readonly pingIntervalMs: number;
  /** Timeouts in a row after which the connection is declared dead and closed. */
  readonly maxTimeouts: number;
  readonly maxInFlight: number;
  readonly timers: Timers;
  readonly log: Logger;
}

export interface ConnectionHandlers {
  /** A server event (MSG, END, DELD, ERR) or a message delivered in answer to SUB or ACK. */
  onEvent(connection: SmpConnection, entityId: Uint8Array, event: Response): void;
  /** Called once when an established connection ends, whoever ended it. */
  onClose(connection: SmpConnection, error: SmpClientError): void;
}

export interface SmpRequest {
  readonly entityId: Uint8Array;
  readonly command: Command;
  /** Authorizes the command; absent for unauthorized ones (PING, LGET, unsecured SEND). */
  readonly key?: AuthKey | undefined;
  /** 24 bytes, when the caller must know it in advance (NEW with link data). */
  readonly corrId?: Uint8Array | undefined;
  readonly timeoutMs?: number | undefined;
}

const EMPTY = new Uint8Array(0);
const EVENT_TYPES: readonly Response['type'][] = ['MSG', 'END', 'DELD', 'ERR'];

export class SmpConnection {
  private session: SmpSession | undefined;
  private writer: BlockWriter | undefined;
  private readonly framer = new BlockFramer();
  private readonly pending: PendingRequests;
  private readonly capacity: Capacity;
  private closedBy: SmpClientError | undefined;
  private timeoutsInARow = 0;
  private heardSinceTick = false;
  private cancelTick: () => void = () => undefined;
  private settleOpen: ((error?: SmpClientError) => void) | undefined;

  private constructor(
    readonly server: SmpServer,
    private readonly socket: TLSSocket,
    private readonly config: ConnectionConfig,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.pending = new PendingRequests(config.timers, () => this.onTimeout());
    this.capacity = new Capacity(config.maxInFlight);
  }

  /** Connects and completes the handshake; fails with NETWORK or HANDSHAKE. */
  static open(
    server: SmpServer,
    config: ConnectionConfig,
    handlers: ConnectionHandlers,
  ): Promise<SmpConnection> {
    const c = new SmpConnection(server, connectTls(server), config, handlers);
    return new Promise((resolve, reject) => {
      const cancelTimeout = config.timers.after(config.connectTimeoutMs, () =>
        c.fail(new SmpClientError('NETWORK', 'connection timed out')),
      );
      c.settleOpen = (error) => {
        c.settleOpen = undefined;
        cancelTimeout();
        if (error) reject(error);
        else resolve(c);
      };
      c.listen();
    });
  }

  /** The negotiated SMP version. */
  get version(): number {
    return this.requireSession().version;
  }

  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  /** Commands sent and not yet answered, plus those waiting for a slot. */
  get inFlight(): number {
    return this.capacity.inUse + this.capacity.waiting;
  }

  /**
   * Sends a command and resolves with its response. ERR becomes a SERVER SmpClientError; a
   * full connection makes the caller wait for a slot.
   */
  async request(req: SmpRequest): Promise<Response> {
    if (this.closedBy) throw this.closedBy;
    await this.capacity.acquire();
    try {
      return await this.send(req);
    } finally {
      this.capacity.release();
    }
  }

  close(): void {
    this.fail(new SmpClientError('CLOSED', 'connection closed by the client'));
  }

  // ---- opening ----

  private listen(): void {
    const s = this.socket;
    s.once('secureConnect', () => {
      if (s.alpnProtocol !== SMP_ALPN) {
        this.fail(new SmpClientError('HANDSHAKE', `server did not negotiate ALPN ${SMP_ALPN}`));
      }
    });
    s.on('data', (chunk: Buffer) => this.framer.push(chunk, this.onBlock));
    s.on('error', (e: Error & { code?: string }) => {
      const duringTls = !this.session && e.code?.startsWith('ERR_SSL') === true;
      this.fail(new SmpClientError(duringTls ? 'HANDSHAKE' : 'NETWORK', e.message));
    });
    s.on('close', () => this.fail(new SmpClientError('NETWORK', 'connection closed')));
  }

  private onServerHello(block: Uint8Array): void {
    const sessionId = tlsUnique(this.socket);
    if (!sessionId) throw new SmpClientError('HANDSHAKE', 'TLS session has no tls-unique');
    this.session = answerServerHello({
      serverHelloBlock: block,
      keyHash: this.server.keyHash,
      sessionId,
      tlsChain: peerChain(this.socket),
      versions: this.config.versions,
      clientKey: x25519KeyPair(),
    });
    this.socket.write(this.session.clientHelloBlock);
    this.writer = new BlockWriter(this.socket, this.session.codec);
    this.scheduleTick();
    this.settleOpen?.();
  }

  // ---- receiving ----

  private readonly onBlock = (block: Uint8Array): void => {
    if (this.closedBy) return;
    try {
      if (!this.session) {
        this.onServerHello(block);
        return;
      }
      // A block that does not open leaves the receive chain advanced: nothing after it can be
      // read, so the connection ends.
      const transmissions = decodeBatch(this.session.codec.decode(block));
      for (const t of transmissions) this.onTransmission(this.session, t);
    } catch (e) {
      this.fail(
        e instanceof SmpClientError
          ? e
          : new SmpClientError('PROTOCOL', `unreadable block: ${errorMessage(e)}`),
      );
    }
  };

  private onTransmission(session: SmpSession, bytes: Uint8Array): void {
    let t;
    try {
      t = decodeTransmission(session, bytes);
    } catch (e) {
      this.config.log.warn('malformed transmission from server', { error: asError(e) });
      return;
    }
    this.timeoutsInARow = 0;
    this.heardSinceTick = true;
    if (!t.sameSession) return this.config.log.warn('transmission for another session');
    const request = t.corrId.length > 0 ? this.pending.take(t.corrId) : undefined;
    let response: Response;
    try {
      const parsed = decodeResponse(session.version, t.command);
      if (!parsed.ok) throw new DecodeError(`${parsed.error} response ${parsed.tag}`);
      response = parsed.value;
    } catch (e) {
      const error = new SmpClientError('PROTOCOL', `malformed response: ${errorMessage(e)}`);
      if (request) request.reject(error);
      else this.config.log.warn('malformed server event', { error });
      return;
    }
    // A message answering SUB or ACK is a delivery like any other, even if the command timed
    // out: the server now waits for its ACK.
    const delivery =
      response.type === 'MSG' &&
      (!request || request.command === 'SUB' || request.command === 'ACK');
    if (delivery || (!request && t.corrId.length === 0)) this.onEvent(t.entityId, response);
    if (!request) {
      if (t.corrId.length > 0 && !delivery) this.config.log.debug('response to an unknown corrId');
      return;
    }
    if (!bytesEqual(t.entityId, request.entityId)) {
      request.reject(new SmpClientError('PROTOCOL', `${response.type} names another entity`));
    } else if (response.type === 'ERR') {
      request.reject(SmpClientError.server(response.error));
    } else {
      request.resolve(response);
    }
  }

  private onEvent(entityId: Uint8Array, event: Response): void {
    if (!EVENT_TYPES.includes(event.type) || responseCredentialError(event.type, entityId)) {
      this.config.log.warn('unexpected server event', { event: event.type });
      return;
    }
    try {
      this.handlers.onEvent(this, entityId, event);
    } catch (e) {
      this.config.log.error('server event handler failed', { error: asError(e) });
    }
  }

  // ---- sending ----

  private send(req: SmpRequest): Promise<Response> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    const session = this.requireSession();
    const corrId = req.corrId ?? randomBytes(CORR_ID_SIZE);
    let transmission: Uint8Array;
    try {
      const command = encodeCommand(session.version, req.command);
      const authorization = req.key
        ? authorize(req.key, {
            serverSessionKey: session.serverSessionKey,
            corrId,
            authorized: authorizedBytes(session.sessionId, corrId, req.entityId, command),
          })
        : undefined;
      transmission = encodeTransmission(session, {
        authorization,
        corrId,
        entityId: req.entityId,
        command,
      });
    } catch (e) {
      if (e instanceof EncodeError || e instanceof CryptoError) {
        return Promise.reject(new SmpClientError('BAD_REQUEST', e.message));
      }
      throw e;
    }
    if (!fitsBlock(transmission)) {
      return Promise.reject(new SmpClientError('BAD_REQUEST', `${req.command.type} is too large`));
    }
    return new Promise((resolve, reject) => {
      this.pending.add(
        corrId,
        { entityId: req.entityId, command: req.command.type, resolve, reject },
        req.timeoutMs ?? this.config.commandTimeoutMs,
      );
      this.writer!.push(transmission);
    });
  }

  // ---- keep-alive and the end ----

  private scheduleTick(): void {
    this.cancelTick = this.config.timers.after(this.config.pingIntervalMs, () => {
      if (this.closedBy) return;
      if (!this.heardSinceTick) {
        // Only its timeout matters: it counts towards the dead-connection verdict.
        this.request({ entityId: EMPTY, command: { type: 'PING' } }).catch(() => undefined);
      }
      this.heardSinceTick = false;
      this.scheduleTick();
    });
  }

  private onTimeout(): void {
    if (++this.timeoutsInARow >= this.config.maxTimeouts) {
      this.fail(new SmpClientError('NETWORK', `no response to ${this.timeoutsInARow} commands`));
    }
  }

  private fail(error: SmpClientError): void {
    if (this.closedBy) return;
    this.closedBy = error;
    this.cancelTick();
    this.writer?.stop();
    this.socket.destroy();
    this.pending.failAll(error);
    this.capacity.fail(error);
    if (this.settleOpen) this.settleOpen(error);
    else this.handlers.onClose(this, error);
  }

  private requireSession(): SmpSession {
    if (!this.session) throw new SmpClientError('CLOSED', 'connection is not established');
    return this.session;
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
