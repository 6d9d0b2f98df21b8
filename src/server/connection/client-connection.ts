// One client connection: the SMP handshake, then a reader (block -> batch -> transmissions ->
// commands) and a writer (responses and events batched into blocks). Its resource bounds keep a
// slow or hostile client from affecting anyone else: a handshake deadline, an idle timeout,
// a cap on commands in flight (reading pauses), and a cap on bytes queued for a client that does
// not read (it is disconnected). Anything unexpected closes this connection only.
import { x25519Dh, x25519KeyPair, type X25519KeyPair } from '../../protocol/crypto/x25519';
import { DecodeError } from '../../protocol/encoding/errors';
import { decodeBatch, packTransmissions } from '../../protocol/smp/block';
import { blockCodecFor, plainBlocks, type BlockCodec } from '../../protocol/smp/block-cipher';
import {
  checkClientHello,
  decodeClientHello,
  encodeServerHello,
  signedSessionKey,
} from '../../protocol/smp/handshake';
import { encodeResponse, type Response } from '../../protocol/smp/responses';
import {
  decodeTransmission,
  encodeTransmission,
  type DecodedTransmission,
} from '../../protocol/smp/transmission';
import { SUPPORTED_SMP_VERSIONS } from '../../protocol/smp/versions';
import type { ServerLimits } from '../config';
import type { ClientSession, Outcome, ServerContext, Subscription } from '../commands/context';
import { dispatch } from '../commands/dispatch';
import type { ServerIdentity } from '../identity/server-identity';
import { errorText } from '../log';
import type { BlockTransport } from '../transport/block-transport';

const EMPTY = new Uint8Array(0);
const BLOCK_ERROR: Response = { type: 'ERR', error: { type: 'BLOCK' } };
const INTERNAL_ERROR: Response = { type: 'ERR', error: { type: 'INTERNAL' } };

export interface ConnectionHost {
  readonly ctx: ServerContext;
  readonly identity: ServerIdentity;
  readonly limits: ServerLimits;
  /** Called once when the connection has closed. */
  closed(connection: ClientConnection): void;
}

export class ClientConnection implements ClientSession {
  readonly subscriptions = new Map<string, Subscription>();
  private state: 'handshake' | 'open' | 'closed' = 'handshake';
  private negotiated = 0;
  private codec: BlockCodec = plainBlocks;
  private readonly sessionKeys: X25519KeyPair = x25519KeyPair();
  private outbox: Uint8Array[] = [];
  private flushScheduled = false;
  private inFlight = 0;
  private paused = false;
  private readonly handshakeTimer: NodeJS.Timeout;
  private readonly idleTimer: NodeJS.Timeout;

  constructor(
    readonly id: number,
    private readonly transport: BlockTransport,
    private readonly host: ConnectionHost,
  ) {
    const { limits } = host;
    this.handshakeTimer = setTimeout(
      () => this.close('handshake timeout'),
      limits.handshakeTimeoutMs,
    );
    this.idleTimer = setTimeout(() => this.checkIdle(), limits.idleTimeoutMs);
    this.handshakeTimer.unref();
    this.idleTimer.unref();
  }

  get version(): number {
    return this.negotiated;
  }

  get sessionId(): Uint8Array {
    return this.transport.sessionId;
  }

  get sessionPrivateKey(): Uint8Array {
    return this.sessionKeys.privateKey;
  }

  /** Sends the server hello at once and starts reading. */
  start(): void {
    const { identity } = this.host;
    this.transport.start({
      block: (block) => this.receive(block),
      closed: (reason) => this.close(reason),
    });
    this.transport.send(
      encodeServerHello({
        versionRange: SUPPORTED_SMP_VERSIONS,
        sessionId: this.sessionId,
        auth: signedSessionKey(identity.chain, identity.signingKey, this.sessionKeys.publicKey),
      }),
    );
  }

  sendEvent(entityId: Uint8Array, event: Response): void {
    this.queue(EMPTY, entityId, event);
  }

  close(reason: string): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    clearTimeout(this.handshakeTimer);
    clearTimeout(this.idleTimer);
    this.outbox = [];
    this.transport.close();
    this.host.ctx.log.debug('connection closed', { connection: this.id, reason, wasOpen });
    this.host.closed(this);
  }

  private receive(block: Uint8Array): void {
    if (this.state === 'closed') return;
    this.idleTimer.refresh();
    try {
      if (this.state === 'handshake') this.receiveHello(block);
      else this.receiveBatch(block);
    } catch (e) {
      this.host.ctx.log.error('unexpected failure on a connection', { error: errorText(e) });
      this.close('internal error');
    }
  }

  private receiveHello(block: Uint8Array): void {
    try {
      const hello = checkClientHello(decodeClientHello(block), {
        keyHash: this.host.identity.keyHash,
        versionRange: SUPPORTED_SMP_VERSIONS,
      });
      // Service certificates (v16) are not offered by this server.
      if (hello.service) throw new Error('client services are not supported');
      const dhSecret = hello.clientKey && x25519Dh(hello.clientKey, this.sessionKeys.privateKey);
      this.negotiated = hello.version;
      this.codec = blockCodecFor({
        role: 'server',
        version: hello.version,
        sessionId: this.sessionId,
        dhSecret,
        proxyServer: hello.proxyServer,
      });
    } catch (e) {
      this.close(`handshake failed: ${errorText(e)}`);
      return;
    }
    clearTimeout(this.handshakeTimer);
    this.state = 'open';
  }

  private receiveBatch(block: Uint8Array): void {
    let payload: Uint8Array;
    try {
      payload = this.codec.decode(block);
    } catch {
      // Undecryptable: the receive chain can no longer be trusted.
      this.close('bad block');
      return;
    }
    let transmissions: Uint8Array[];
    try {
      transmissions = decodeBatch(payload);
    } catch {
      this.queue(EMPTY, EMPTY, BLOCK_ERROR);
      return;
    }
    for (const bytes of transmissions) this.process(bytes);
    if (this.inFlight >= this.host.limits.maxInFlightCommands && !this.paused) {
      this.paused = true;
      this.transport.pause();
    }
  }

  private process(bytes: Uint8Array): void {
    let t: DecodedTransmission;
    try {
      t = decodeTransmission({ version: this.version, sessionId: this.sessionId }, bytes);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.queue(EMPTY, EMPTY, BLOCK_ERROR);
      return;
    }
    this.inFlight++;
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = dispatch(this.host.ctx, this, t);
    } catch (e) {
      outcome = this.internalError(e);
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (o) => this.finish(t, o),
        (e: unknown) => this.finish(t, this.internalError(e)),
      );
    } else {
      this.finish(t, outcome);
    }
  }

  private internalError(e: unknown): Outcome {
    this.host.ctx.log.error('command failed', { connection: this.id, error: errorText(e) });
    return { response: INTERNAL_ERROR };
  }

  private finish(t: DecodedTransmission, outcome: Outcome): void {
    this.inFlight--;
    if (this.state !== 'open') return;
    this.queue(t.corrId, t.entityId, outcome.response);
    try {
      outcome.afterwards?.();
    } catch (e) {
      this.host.ctx.log.error('failure after a response', { error: errorText(e) });
    }
    if (this.paused && this.inFlight < this.host.limits.maxInFlightCommands) {
      this.paused = false;
      this.transport.resume();
    }
  }

  private queue(corrId: Uint8Array, entityId: Uint8Array, response: Response): void {
    if (this.state !== 'open') return;
    const command = encodeResponse(this.version, response);
    const bytes = encodeTransmission(
      { version: this.version, sessionId: this.sessionId },
      { corrId, entityId, command },
    );
    this.outbox.push(bytes);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Responses completed in the same turn of the event loop share blocks.
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.state !== 'open') return;
    const outbox = this.outbox;
    this.outbox = [];
    const { batches, tooLarge } = packTransmissions(outbox);
    if (tooLarge.length > 0) {
      this.host.ctx.log.error('a response did not fit a block', { count: tooLarge.length });
    }
    for (const { batch } of batches) this.transport.send(this.codec.encode(batch));
    // What one turn of the event loop produced is bounded by the commands in flight; what
    // piles up beyond it in the socket means the client is not reading.
    if (this.transport.pendingBytes > this.host.limits.maxOutgoingBytes) {
      this.close('the client does not read its responses');
    }
  }

  private checkIdle(): void {
    if (this.state === 'closed') return;
    const subscribed = [...this.subscriptions.values()].some((s) => s.mode === 'subscribe');
    if (subscribed) this.idleTimer.refresh();
    else this.close('idle');
  }
}
