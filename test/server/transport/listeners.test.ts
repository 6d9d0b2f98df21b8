// The sockets: TLS 1.3 with ALPN smp/1 and the session id = tls-unique, the certificate chain
// the fingerprint is taken from, refusals, and the same protocol over the WebSocket port.
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { sha256 } from '../../../src/protocol/crypto';
import {
  SMP_BLOCK_SIZE,
  decodeServerHello,
  encodeClientHello,
  SUPPORTED_SMP_VERSIONS,
} from '../../../src/protocol/smp';
import { useTempDirs } from '../../support/temp-dir';
import {
  createQueue,
  expectResponse,
  messageText,
  recipientRequest,
  sendTo,
  useSmpServers,
} from '../../support/smp-test-server';

const tempDir = useTempDirs();
const startServer = useSmpServers();

interface RawTls {
  readonly socket: tls.TLSSocket;
  readonly firstBlock: Promise<Uint8Array>;
  readonly closed: Promise<void>;
}

function rawTls(port: number, options: tls.ConnectionOptions = {}): Promise<RawTls> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      ALPNProtocols: ['smp/1'],
      rejectUnauthorized: false,
      ...options,
    });
    let buffered = Buffer.alloc(0);
    const firstBlock = new Promise<Uint8Array>((got, none) => {
      socket.on('data', (d: Buffer) => {
        buffered = Buffer.concat([buffered, d]);
        if (buffered.length >= SMP_BLOCK_SIZE)
          got(new Uint8Array(buffered.subarray(0, SMP_BLOCK_SIZE)));
      });
      socket.once('close', () => none(new Error('closed before a block arrived')));
    });
    firstBlock.catch(() => undefined);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({ socket, firstBlock, closed });
    });
  });
}

describe('TLS listener', () => {
  it('speaks TLS 1.3 with ChaCha20-Poly1305, and the hello session id is the client Finished', async () => {
    const s = await startServer(tempDir());
    const { socket, firstBlock } = await rawTls(s.running.port);
    expect(socket.getProtocol()).toBe('TLSv1.3');
    expect(socket.getCipher().standardName).toBe('TLS_CHACHA20_POLY1305_SHA256');
    expect(socket.alpnProtocol).toBe('smp/1');
    const hello = decodeServerHello(await firstBlock);
    expect(hello.sessionId).toEqual(new Uint8Array(socket.getFinished()!));
    expect(hello.versionRange).toEqual(SUPPORTED_SMP_VERSIONS);
    socket.destroy();
  });

  it('presents [server, CA]; SHA-256 of the CA certificate is the address fingerprint', async () => {
    const s = await startServer(tempDir());
    const { socket, firstBlock } = await rawTls(s.running.port);
    const leaf = socket.getPeerCertificate(true);
    const ca = leaf.issuerCertificate;
    expect(ca.issuerCertificate).toBe(ca); // self-signed: the chain ends here
    expect(sha256(new Uint8Array(ca.raw))).toEqual(s.running.server.keyHash);
    const chain = decodeServerHello(await firstBlock).auth!.certChain;
    expect(chain.map((c) => Buffer.from(c))).toEqual([leaf.raw, ca.raw]);
    expect(s.running.address).toBe(
      `smp://${Buffer.from(s.running.server.keyHash).toString('base64url')}=@127.0.0.1:${s.running.port}`,
    );
    socket.destroy();
  });

  it('refuses a client without ALPN smp/1 before any block', async () => {
    const s = await startServer(tempDir());
    const noAlpn = await rawTls(s.running.port, { ALPNProtocols: undefined });
    await noAlpn.closed;
    await expect(noAlpn.firstBlock).rejects.toThrow();
    await expect(rawTls(s.running.port, { ALPNProtocols: ['h2'] })).rejects.toThrow(
      /no application protocol/,
    );
    await expect(rawTls(s.running.port, { maxVersion: 'TLSv1.2' })).rejects.toThrow();
  });

  it('closes a connection whose client hello names another server or version', async () => {
    const s = await startServer(tempDir());
    for (const hello of [
      { version: 18, keyHash: new Uint8Array(32) },
      { version: 99, keyHash: s.running.server.keyHash },
    ]) {
      const { socket, firstBlock, closed } = await rawTls(s.running.port);
      await firstBlock;
      socket.write(encodeClientHello({ ...hello, proxyServer: false }));
      await closed;
    }
  });

  it('closes a connection that does not finish the handshake in time', async () => {
    const s = await startServer(tempDir(), { limits: { handshakeTimeoutMs: 200 } });
    const { firstBlock, closed } = await rawTls(s.running.port);
    await firstBlock;
    await closed;
  });
});

describe('WebSocket listener', () => {
  it('serves the same protocol, one block per binary frame, with tls-unique as session id', async () => {
    const s = await startServer(tempDir(), { wsPort: 0 });
    expect(s.running.wsPort).toBeGreaterThan(0);
    const recipient = await s.connect({ transport: 'ws' });
    const q = await createQueue(recipient);
    const sender = await s.connect();
    expectResponse(await sendTo(sender, q, 'over tls'), 'OK');
    expectResponse(await recipientRequest(recipient, q, { type: 'SUB' }), 'SOK');
    expect(messageText(q, await recipient.nextEvent())).toBe('over tls');
  });

  it('closes a WebSocket that sends anything but whole blocks; others keep working', async () => {
    const s = await startServer(tempDir(), { wsPort: 0 });
    const bystander = await s.connect({ transport: 'ws' });
    for (const bad of ['text', new Uint8Array(100), new Uint8Array(SMP_BLOCK_SIZE + 1)]) {
      const ws = new WebSocket(`wss://127.0.0.1:${s.running.wsPort}/`, {
        rejectUnauthorized: false,
      });
      const closed = new Promise<void>((done) => ws.once('close', () => done()));
      ws.on('error', () => undefined);
      await new Promise<void>((open) => ws.once('message', () => open()));
      ws.send(bad);
      await closed;
    }
    expectResponse(await bystander.request({ type: 'PING' }), 'PONG');
  });
});
