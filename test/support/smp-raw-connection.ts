// A thin SMP client for server tests, built on the protocol codecs: TLS (or WebSocket) to a
// loopback server, the handshake with its checks, then transmissions out and responses in,
// matched by corrId. It sends whatever it is given, valid or not, which is also what the fuzz
// test needs. The full client belongs to the engine (src/main/engine/smp).
import tls, { type TLSSocket } from 'node:tls';
import { WebSocket } from 'ws';
import { randomBytes, x25519Dh, x25519KeyPair } from '../../src/protocol/crypto';
import {
  SMP_BLOCK_SIZE,
  SUPPORTED_SMP_VERSIONS,
  authorizedBytes,
  blockCodecFor,
  chooseVersion,
  decodeBatch,
  decodeResponse,
  decodeServerHello,
  decodeTransmission,
  encodeBatch,
  encodeClientHello,
  encodeCommand,
  encodeTransmission,
  signAuthorization,
  verifyServerHello,
  type BlockCodec,
  type Command,
  type Response,
  type TransmissionAuth,
  type VersionRange,
} from '../../src/protocol/smp';

export interface Received {
  readonly corrId: Uint8Array;
  readonly entityId: Uint8Array;
  /** Undefined when the response did not parse (never expected from our server). */
  readonly response: Response | undefined;
}

/** Blocks both ways over TLS or a WebSocket, plus what the handshake needs from TLS. */
interface Link {
  readonly sessionId: Uint8Array;
  readonly tlsChain: Uint8Array[];
  send(block: Uint8Array): void;
  onBlock(f: (block: Uint8Array) => void): void;
  readonly closed: Promise<void>;
  close(): void;
  /** Stops (and restarts) reading from the network, like a client that does not read. */
  pause(): void;
  resume(): void;
}

function peerChain(socket: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let cert = socket.getPeerCertificate(true);
  while (cert?.raw) {
    chain.push(new Uint8Array(cert.raw));
    if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
    cert = cert.issuerCertificate;
  }
  return chain;
}

function tlsLink(port: number, alpn: string[]): Promise<Link> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      ALPNProtocols: alpn,
      rejectUnauthorized: false,
    });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    let onBlock: (b: Uint8Array) => void = () => undefined;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= SMP_BLOCK_SIZE) {
        onBlock(new Uint8Array(pending.subarray(0, SMP_BLOCK_SIZE)));
        pending = pending.subarray(SMP_BLOCK_SIZE);
      }
    });
    socket.on('error', reject);
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({
        sessionId: new Uint8Array(socket.getFinished()!),
        tlsChain: peerChain(socket),
        send: (b) => void socket.write(b),
        onBlock: (f) => (onBlock = f),
        closed,
        close: () => socket.destroy(),
        pause: () => socket.pause(),
        resume: () => socket.resume(),
      });
    });
  });
}

function wsLink(port: number): Promise<Link> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://127.0.0.1:${port}/`, { rejectUnauthorized: false });
    const closed = new Promise<void>((done) => ws.once('close', () => done()));
    let onBlock: (b: Uint8Array) => void = () => undefined;
    let socket: TLSSocket | undefined;
    ws.once('upgrade', (res) => (socket = res.socket as TLSSocket));
    ws.on('message', (data) => onBlock(new Uint8Array(data as Buffer)));
    ws.on('error', reject);
    ws.once('open', () => {
      ws.off('error', reject);
      ws.on('error', () => undefined);
      resolve({
        sessionId: new Uint8Array(socket!.getFinished()!),
        tlsChain: peerChain(socket!),
        send: (b) => ws.send(b),
        onBlock: (f) => (onBlock = f),
        closed,
        close: () => ws.terminate(),
        pause: () => ws.pause(),
        resume: () => ws.resume(),
      });
    });
  });
}

export interface ConnectOptions {
  readonly port: number;
  /** SHA-256 of the server's CA certificate (the address fingerprint). */
  readonly keyHash: Uint8Array;
  readonly transport?: 'tls' | 'ws';
  /** Versions this client offers (default: all the codecs support). */
  readonly versions?: VersionRange;
  readonly alpn?: string[];
}

export class SmpRawConnection {
  /** Server events (empty corrId), in arrival order, until taken. */
  private readonly events: Received[] = [];
  private eventWaiters: ((r: Received) => void)[] = [];
  private readonly waiting = new Map<string, (r: Received) => void>();
  /** Every transmission received, responses and events. */
  received = 0;
  private listener: ((r: Received) => void) | undefined;

  private constructor(
    private readonly link: Link,
    private readonly codec: BlockCodec,
    readonly version: number,
    /** The server's session X25519 key (for authenticators). */
    readonly serverSessionKey: Uint8Array,
  ) {
    link.onBlock((block) => this.receive(block));
  }

  static async connect(o: ConnectOptions): Promise<SmpRawConnection> {
    const link = await (o.transport === 'ws'
      ? wsLink(o.port)
      : tlsLink(o.port, o.alpn ?? ['smp/1']));
    const hello = decodeServerHello(await nextBlock(link));
    const serverKey = verifyServerHello(hello, {
      keyHash: o.keyHash,
      sessionId: link.sessionId,
      tlsChain: link.tlsChain,
    });
    const version = chooseVersion(hello.versionRange, o.versions ?? SUPPORTED_SMP_VERSIONS);
    const own = x25519KeyPair();
    link.send(
      encodeClientHello({
        version,
        keyHash: o.keyHash,
        clientKey: own.publicKey,
        proxyServer: false,
      }),
    );
    const codec = blockCodecFor({
      role: 'client',
      version,
      sessionId: link.sessionId,
      dhSecret: x25519Dh(serverKey, own.privateKey),
      proxyServer: false,
    });
    return new SmpRawConnection(link, codec, version, serverKey);
  }

  get sessionId(): Uint8Array {
    return this.link.sessionId;
  }

  get closed(): Promise<void> {
    return this.link.closed;
  }

  close(): void {
    this.link.close();
  }

  pauseReading(): void {
    this.link.pause();
  }

  resumeReading(): void {
    this.link.resume();
  }

  /** Sends raw transmissions (any bytes) in one encrypted block. */
  sendTransmissions(transmissions: readonly Uint8Array[]): void {
    this.link.send(this.codec.encode(encodeBatch(transmissions)));
  }

  /** Encrypts and sends a batch payload as it is (valid or not). */
  sendPayload(payload: Uint8Array): void {
    this.link.send(this.codec.encode(payload));
  }

  /**
   * Hands every received transmission to `listener` instead of matching and queueing it (for
   * clients that do their own accounting, like the fuzzer).
   */
  listen(listener: ((r: Received) => void) | undefined): void {
    this.listener = listener;
  }

  /** Sends a block as it is (no encryption). */
  sendRawBlock(block: Uint8Array): void {
    this.link.send(block);
  }

  /** Encodes a command transmission; `key` signs it (Ed25519, libsodium private key). */
  transmission(
    command: Command | Uint8Array,
    o: {
      entityId?: Uint8Array;
      key?: Uint8Array;
      auth?: TransmissionAuth;
      corrId?: Uint8Array;
    } = {},
  ): { corrId: Uint8Array; bytes: Uint8Array } {
    const corrId = o.corrId ?? randomBytes(24);
    const entityId = o.entityId ?? new Uint8Array(0);
    const bytes = command instanceof Uint8Array ? command : encodeCommand(this.version, command);
    const authorization =
      o.auth ??
      (o.key
        ? signAuthorization(o.key, authorizedBytes(this.sessionId, corrId, entityId, bytes))
        : undefined);
    const params = { version: this.version, sessionId: this.sessionId };
    return {
      corrId,
      bytes: encodeTransmission(params, { authorization, corrId, entityId, command: bytes }),
    };
  }

  /** Sends one command and resolves with its response. */
  request(
    command: Command | Uint8Array,
    o: {
      entityId?: Uint8Array;
      key?: Uint8Array;
      auth?: TransmissionAuth;
      corrId?: Uint8Array;
    } = {},
  ): Promise<Received> {
    const t = this.transmission(command, o);
    const response = this.responseTo(t.corrId);
    this.sendTransmissions([t.bytes]);
    return response;
  }

  /** The response with this corrId, whenever it comes. */
  responseTo(corrId: Uint8Array): Promise<Received> {
    return new Promise((resolve) => this.waiting.set(Buffer.from(corrId).toString('hex'), resolve));
  }

  /** The next server event (MSG, END, DELD...). */
  nextEvent(): Promise<Received> {
    const ready = this.events.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.eventWaiters.push(resolve));
  }

  /** Events received and not yet taken. */
  get pendingEvents(): number {
    return this.events.length;
  }

  private receive(block: Uint8Array): void {
    const params = { version: this.version, sessionId: this.sessionId };
    for (const bytes of decodeBatch(this.codec.decode(block))) {
      const t = decodeTransmission(params, bytes);
      const parsed = decodeResponse(this.version, t.command);
      const r: Received = {
        corrId: t.corrId,
        entityId: t.entityId,
        response: parsed.ok ? parsed.value : undefined,
      };
      this.received++;
      if (this.listener) {
        this.listener(r);
        continue;
      }
      const key = Buffer.from(t.corrId).toString('hex');
      const waiter = t.corrId.length > 0 ? this.waiting.get(key) : undefined;
      if (waiter) {
        this.waiting.delete(key);
        waiter(r);
      } else {
        const next = this.eventWaiters.shift();
        if (next) next(r);
        else this.events.push(r);
      }
    }
  }
}

function nextBlock(link: Link): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    link.onBlock(resolve);
    void link.closed.then(() => reject(new Error('connection closed during the handshake')));
  });
}
