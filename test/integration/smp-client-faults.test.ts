// Bad servers and bad networks: every failure reaches the caller as a typed SmpClientError and
// the client stays usable. A real server with the wrong fingerprint, nothing listening, and a
// hand-driven TLS server on loopback that speaks the SMP handshake and then misbehaves.
import { once } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromHex } from '../../src/protocol/encoding';
import { cryptoReady, sha256, x25519Dh, x25519KeyPair } from '../../src/protocol/crypto';
import {
  BlockCipher,
  decodeBatch,
  decodeClientHello,
  decodeTransmission,
  encodeBatch,
  encodeResponse,
  encodeServerHello,
  encodeTransmission,
  signedSessionKey,
  versionRange,
  type Response,
  type SmpServer,
} from '../../src/protocol/smp';
import { SmpClientError } from '../../src/main/engine/smp';
import { BlockFramer } from '../../src/main/engine/smp/block-framer';
import { ed25519SigningKey, makeChain } from '../protocol/smp/certificates';
import { ManualTimers } from '../main/engine/smp/manual-timers';
import { Channel, EventQueue, useSmp } from './smp-client-support';

const smp = useSmp();
beforeAll(cryptoReady);

async function failure(p: Promise<unknown>): Promise<SmpClientError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SmpClientError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

// ---- a TLS server driven by the test ----

function pem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The server side of one connection after TLS, with the SMP steps as methods. */
class FakeSession {
  readonly sessionId: Uint8Array;
  private readonly framer = new BlockFramer();
  private readonly blocks: Uint8Array[] = [];
  private readonly waiters: ((b: Uint8Array) => void)[] = [];
  private codec: BlockCipher | undefined;
  private readonly sessionKey = x25519KeyPair();
  version = 0;

  constructor(
    readonly socket: tls.TLSSocket,
    private readonly identity: { chain: Uint8Array[]; leafPrivateKey: Uint8Array },
  ) {
    this.sessionId = new Uint8Array(socket.getPeerFinished()!);
    socket.on('data', (chunk: Buffer) =>
      this.framer.push(chunk, (b) => {
        const block = b.slice();
        const w = this.waiters.shift();
        if (w) w(block);
        else this.blocks.push(block);
      }),
    );
    socket.on('error', () => undefined);
  }

  nextBlock(): Promise<Uint8Array> {
    const b = this.blocks.shift();
    return b ? Promise.resolve(b) : new Promise((resolve) => this.waiters.push(resolve));
  }

  sendHello(o: { sessionId?: Uint8Array } = {}): void {
    const auth = signedSessionKey(
      this.identity.chain,
      this.identity.leafPrivateKey,
      this.sessionKey.publicKey,
    );
    this.socket.write(
      encodeServerHello({
        versionRange: versionRange(6, 18),
        sessionId: o.sessionId ?? this.sessionId,
        auth,
      }),
    );
  }

  /** Hello, then the client's hello: block encryption from here on. */
  async handshake(): Promise<void> {
    this.sendHello();
    const hello = decodeClientHello(await this.nextBlock());
    this.version = hello.version;
    this.codec = BlockCipher.forServer(
      this.sessionId,
      x25519Dh(hello.clientKey!, this.sessionKey.privateKey),
    );
  }

  /** The next command the client sent: its corrId, entity and tag. */
  async nextCommand(): Promise<{ corrId: Uint8Array; entityId: Uint8Array; tag: string }> {
    const [t] = decodeBatch(this.codec!.decode(await this.nextBlock()));
    const decoded = decodeTransmission({ version: this.version, sessionId: this.sessionId }, t!);
    const tag = new TextDecoder().decode(decoded.command).split(' ')[0]!;
    return { corrId: decoded.corrId, entityId: decoded.entityId, tag };
  }

  /** Sends transmissions (raw command bytes) in one encrypted block. */
  sendTransmissions(
    ts: { corrId: Uint8Array; entityId?: Uint8Array; command: Uint8Array }[],
  ): void {
    const params = { version: this.version, sessionId: this.sessionId };
    const encoded = ts.map((t) =>
      encodeTransmission(params, {
        corrId: t.corrId,
        entityId: t.entityId ?? new Uint8Array(0),
        command: t.command,
      }),
    );
    this.socket.write(this.codec!.encode(encodeBatch(encoded)));
  }

  respond(corrId: Uint8Array, response: Response, entityId?: Uint8Array): void {
    this.sendTransmissions([{ corrId, entityId, command: encodeResponse(this.version, response) }]);
  }

  sendRawBlock(block: Uint8Array): void {
    this.socket.write(block);
  }
}

const fakes: { server: tls.Server; sockets: Set<tls.TLSSocket> }[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) {
    for (const s of f.sockets) s.destroy();
    f.server.close();
    await once(f.server, 'close');
  }
});

interface FakeOptions {
  readonly alpn?: boolean;
}

async function fakeServer(
  onSession: (s: FakeSession) => unknown,
  o: FakeOptions = {},
): Promise<{
  server: SmpServer;
  seen: { servername: string | false | null; alpnOffered: boolean }[];
}> {
  const leaf = ed25519SigningKey();
  const { chain } = makeChain(2, leaf);
  const pkcs8 = concatBytes(
    fromHex('302e020100300506032b657004220420'),
    leaf.privateKey.subarray(0, 32),
  );
  const key = pem('PRIVATE KEY', pkcs8);
  const seen: { servername: string | false | null; alpnOffered: boolean }[] = [];
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({
    key,
    cert: chain.map((c) => pem('CERTIFICATE', c)).join(''),
    ...(o.alpn === false
      ? {}
      : {
          ALPNCallback: ({ protocols }: { protocols: string[] }) => {
            seen.push({ servername: false, alpnOffered: protocols.includes('smp/1') });
            return protocols.includes('smp/1') ? 'smp/1' : undefined;
          },
        }),
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    const last = seen[seen.length - 1];
    if (last) last.servername = socket.servername;
    void onSession(new FakeSession(socket, { chain, leafPrivateKey: leaf.privateKey }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  fakes.push({ server, sockets });
  const port = (server.address() as net.AddressInfo).port;
  return { server: { hosts: ['127.0.0.1'], port: String(port), keyHash: sha256(chain[1]!) }, seen };
}

// ---- the tests ----

describe('SMP client: bad servers and networks', () => {
  it('refuses a server whose identity is not the address fingerprint', async () => {
    const { server } = await smp.server();
    const client = smp.client();
    const wrong = { ...server, keyHash: sha256(server.keyHash) };
    const e = await failure(client.ping(wrong));
    expect(e.kind).toBe('HANDSHAKE');
    expect(e.message).toMatch(/identity/);
    // The right address still works from the same client.
    await client.ping(server);
  });

  it('reports a server that is not there as a NETWORK error', async () => {
    const probe = net.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as net.AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    const client = smp.client();
    const e = await failure(
      client.ping({ hosts: ['127.0.0.1'], port: String(port), keyHash: new Uint8Array(32) }),
    );
    expect(e.kind).toBe('NETWORK');
  });

  it('offers ALPN smp/1 without SNI, and refuses a hello for another TLS session', async () => {
    const { server, seen } = await fakeServer((s) =>
      s.sendHello({ sessionId: new Uint8Array(32).fill(7) }),
    );
    const e = await failure(smp.client().ping(server));
    expect(e.kind).toBe('HANDSHAKE');
    expect(e.message).toMatch(/session/);
    expect(seen).toEqual([{ servername: false, alpnOffered: true }]);
  });

  it('refuses a server that does not negotiate smp/1', async () => {
    const { server } = await fakeServer((s) => s.sendHello(), { alpn: false });
    const e = await failure(smp.client().ping(server));
    expect(e.kind).toBe('HANDSHAKE');
    expect(e.message).toMatch(/ALPN/);
  });

  it('refuses a first block that is not a server hello', async () => {
    const { server } = await fakeServer((s) => s.sendRawBlock(new Uint8Array(16384).fill(0xff)));
    expect((await failure(smp.client().ping(server))).kind).toBe('HANDSHAKE');
  });

  it('gives up on a server that never sends its hello, by the connect timeout', async () => {
    const timers = new ManualTimers();
    const sessions = new Channel<FakeSession>();
    const { server } = await fakeServer((s) => sessions.push(s));
    const client = smp.client({ timers, connectTimeoutMs: 5000 });
    const pinged = failure(client.ping(server));
    await sessions.next();
    timers.advance(5000);
    const e = await pinged;
    expect(e.kind).toBe('NETWORK');
    expect(e.message).toMatch(/timed out/);
  });

  it('rejects a malformed or misaddressed response but keeps the connection', async () => {
    const { server } = await fakeServer(async (s) => {
      await s.handshake();
      const first = await s.nextCommand();
      // Unknown tag, in the same block as a well-formed event for nobody.
      s.sendTransmissions([
        { corrId: first.corrId, command: new TextEncoder().encode('WHAT 1') },
        {
          corrId: new Uint8Array(0),
          entityId: new Uint8Array(24),
          command: encodeResponse(s.version, { type: 'END' }),
        },
      ]);
      const second = await s.nextCommand();
      s.respond(second.corrId, { type: 'PONG' }, new Uint8Array(24).fill(1));
      const third = await s.nextCommand();
      s.respond(third.corrId, { type: 'PONG' });
    });
    const client = smp.client();
    const ends = new EventQueue(client, 'end');
    const e1 = await failure(client.ping(server));
    expect(e1.kind).toBe('PROTOCOL');
    expect((await ends.next()).rcvId).toEqual(new Uint8Array(24));
    const e2 = await failure(client.ping(server));
    expect(e2.kind).toBe('PROTOCOL');
    expect(e2.message).toMatch(/another entity/);
    await client.ping(server);
    expect(client.isConnected(server)).toBe(true);
  });

  it('closes the connection on a block that does not decrypt, and reconnects on demand', async () => {
    let sessions = 0;
    const { server } = await fakeServer(async (s) => {
      sessions++;
      await s.handshake();
      const cmd = await s.nextCommand();
      if (sessions === 1) s.sendRawBlock(new Uint8Array(16384).fill(1));
      else s.respond(cmd.corrId, { type: 'PONG' });
    });
    const client = smp.client();
    const disconnected = new EventQueue(client, 'disconnected');
    const e = await failure(client.ping(server));
    expect(e.kind).toBe('PROTOCOL');
    expect((await disconnected.next()).error.kind).toBe('PROTOCOL');
    await client.ping(server);
    expect(sessions).toBe(2);
  });

  it('times commands out, pings when idle, and declares a silent connection dead', async () => {
    const timers = new ManualTimers();
    const commands = new Channel<string>();
    const { server } = await fakeServer(async (s) => {
      await s.handshake();
      for (;;) commands.push((await s.nextCommand()).tag);
    });
    const client = smp.client({
      timers,
      commandTimeoutMs: 1000,
      pingIntervalMs: 10_000,
      maxTimeouts: 3,
    });
    const disconnected = new EventQueue(client, 'disconnected');
    const first = failure(client.ping(server));
    expect(await commands.next()).toBe('PING');
    timers.advance(1000);
    expect((await first).kind).toBe('TIMEOUT');
    expect(client.isConnected(server)).toBe(true);

    // Idle: the keep-alive sends PING, which goes unanswered too.
    timers.advance(10_000);
    expect(await commands.next()).toBe('PING');
    timers.advance(1000);
    const third = failure(client.ping(server));
    expect(await commands.next()).toBe('PING');
    timers.advance(1000);
    expect((await third).kind).toBe('TIMEOUT');
    const dead = await disconnected.next();
    expect(dead.error.kind).toBe('NETWORK');
    expect(dead.error.message).toMatch(/no response/);
    expect(client.isConnected(server)).toBe(false);
  });
});
