// The sockets: a TLS listener (TLS 1.3, ALPN smp/1) and an optional WebSocket listener over
// TLS, as upstream serves web clients. Both hand each connection to the server core as a
// BlockTransport whose session id is tls-unique (the client's Finished, getPeerFinished()).
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import { SMP_BLOCK_SIZE } from '../../protocol/smp/block';
import type { ServerIdentity } from '../identity/server-identity';
import type { Logger } from '../log';
import type { BlockTransport } from './block-transport';
import { TlsBlockTransport } from './tls-transport';
import { WsBlockTransport } from './ws-transport';

export const SMP_ALPN = 'smp/1';

/**
 * TLS settings shared by both listeners: TLS 1.3 only (tls-unique is the TLS 1.3 client
 * Finished; every client we serve speaks 1.3), upstream's cipher suite and groups, Ed25519/Ed448
 * signatures. Clients send no SNI and none is needed: there is one certificate. (Exported for the
 * benchmark's raw TLS echo, which must run with exactly these settings.)
 */
export function tlsOptions(identity: ServerIdentity, handshakeTimeoutMs: number): tls.TlsOptions {
  return {
    key: identity.keyPem,
    cert: identity.certChainPem,
    minVersion: 'TLSv1.3',
    ciphers: 'TLS_CHACHA20_POLY1305_SHA256',
    ecdhCurve: 'X25519:X448',
    sigalgs: 'ed25519:ed448',
    // A client that stalls inside the TLS handshake is dropped like one that stalls after it.
    handshakeTimeout: handshakeTimeoutMs,
  };
}

export interface ListenOptions {
  readonly identity: ServerIdentity;
  readonly host: string;
  /** 0: any free port (the bound one is in the Listener). */
  readonly port: number;
  readonly handshakeTimeoutMs: number;
  readonly log: Logger;
  /** Receives every connection that got through TLS (and the WebSocket upgrade). */
  readonly accept: (transport: BlockTransport) => void;
}

export interface Listener {
  readonly port: number;
  /** Stops accepting; resolves when the listening socket is closed. */
  close(): Promise<void>;
}

function listen(server: tls.Server | https.Server, host: string, port: number): Promise<Listener> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        port: bound,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

function sessionIdOf(socket: TLSSocket): Uint8Array | undefined {
  const finished = socket.getPeerFinished();
  return finished && finished.length > 0 ? new Uint8Array(finished) : undefined;
}

export function listenTls(o: ListenOptions): Promise<Listener> {
  const { log, accept } = o;
  const server = tls.createServer({
    ...tlsOptions(o.identity, o.handshakeTimeoutMs),
    ALPNProtocols: [SMP_ALPN],
  });
  server.on('secureConnection', (socket) => {
    const sessionId = sessionIdOf(socket);
    // Without ALPN upstream would offer only SMP v6, which we treat as incompatible.
    if (socket.alpnProtocol !== SMP_ALPN || !sessionId) {
      log.debug('TLS client refused: no smp/1 ALPN');
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    accept(new TlsBlockTransport(socket, sessionId));
  });
  server.on('tlsClientError', (e) => log.debug('TLS handshake failed', { error: e.message }));
  return listen(server, o.host, o.port);
}

/**
 * WebSocket over TLS: the HTTP upgrade replaces ALPN as the protocol signal (browsers offer
 * http/1.1), and the session id is the tls-unique of the TLS connection under the WebSocket,
 * as in upstream's WS transport.
 */
export function listenWebSocket(o: ListenOptions): Promise<Listener> {
  const { log, accept } = o;
  const server = https.createServer({
    ...tlsOptions(o.identity, o.handshakeTimeoutMs),
    ALPNProtocols: ['http/1.1'],
  });
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('SMP over WebSocket only\n');
  });
  server.on('tlsClientError', (e) => log.debug('TLS handshake failed', { error: e.message }));
  const wss = new WebSocketServer({ server, maxPayload: SMP_BLOCK_SIZE, perMessageDeflate: false });
  wss.on('connection', (ws, req) => {
    const sessionId = sessionIdOf(req.socket as TLSSocket);
    if (!sessionId) {
      ws.terminate();
      return;
    }
    accept(new WsBlockTransport(ws, sessionId));
  });
  wss.on('error', (e) => log.warn('WebSocket server error', { error: e.message }));
  return listen(server, o.host, o.port);
}
