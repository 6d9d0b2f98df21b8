// @vitest-environment node
// The browser-host transport against a real WebSocket server on loopback (the `ws` package, as
// the host uses). jsdom's own WebSocket cannot run under vitest (its undici events are refused
// by jsdom's EventTarget), so the client socket is ws's, which has the browser's event API; the
// page's real WebSocket is exercised by the e2e tests in Chromium.
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ContractError, createApiClient } from '../../../src/renderer/api';
import type { ConnectionState, Transport } from '../../../src/renderer/api/transport';
import { hostSocketUrl } from '../../../src/renderer/api/detect';
import { backoffDelay, createWebSocketTransport } from '../../../src/renderer/api/wsTransport';
import { WsCall } from '../../../src/shared/ipc/bridge';

const TOKEN = 'secret token/+';

let server: WebSocketServer;
let url: string;
const transports: Transport[] = [];

beforeEach(async () => {
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    path: '/ipc',
    // The host refuses sockets without its token; so does this server, to prove we send it.
    verifyClient: ({ req }: { req: IncomingMessage }) =>
      new URL(req.url ?? '', 'http://x').searchParams.get('token') === TOKEN,
  });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  url = hostSocketUrl({ protocol: 'http:', host: `127.0.0.1:${port}` }, TOKEN);
});

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
  vi.restoreAllMocks();
});

function open(options: { initialMs: number; maxMs: number } = { initialMs: 10, maxMs: 40 }) {
  const transport = createWebSocketTransport({
    url,
    backoff: options,
    // ws's client implements the part of the browser's WebSocket the transport uses.
    createSocket: (u) => new NodeWebSocket(u) as unknown as WebSocket,
  });
  transports.push(transport);
  return transport;
}

/** Resolves when the transport reports `state` (now or later). */
function reaches(transport: Transport, state: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    const off = transport.onConnection((s) => {
      if (s !== state) return;
      queueMicrotask(() => off());
      resolve();
    });
  });
}

async function nextConnection(): Promise<ServerSocket> {
  const [socket] = (await once(server, 'connection')) as [ServerSocket];
  return socket;
}

/** The calls arriving on a server socket, handed out in order as the test asks for them. */
function callsOn(socket: ServerSocket): { next(): Promise<WsCall> } {
  const arrived: WsCall[] = [];
  const waiting: ((call: WsCall) => void)[] = [];
  socket.on('message', (data: Buffer) => {
    const call = WsCall.parse(JSON.parse(data.toString()));
    const waiter = waiting.shift();
    if (waiter) waiter(call);
    else arrived.push(call);
  });
  return {
    next: () =>
      new Promise((resolve) => {
        const call = arrived.shift();
        if (call) resolve(call);
        else waiting.push(resolve);
      }),
  };
}

function reply(socket: ServerSocket, id: number, value: unknown): void {
  socket.send(JSON.stringify({ type: 'result', id, result: { ok: true, value } }));
}

describe('WebSocket transport', () => {
  it('sends calls made before the socket opened, then matches replies by id', async () => {
    const connected = nextConnection();
    const api = createApiClient(open());
    // Both calls are made while the socket is still connecting.
    const settings = api.call('settings.get', {});
    const status = api.call('engine.status', {});

    const socket = await connected;
    const calls = callsOn(socket);
    const first = await calls.next();
    const second = await calls.next();
    expect([first.name, second.name]).toEqual(['settings.get', 'engine.status']);
    expect(second.id).not.toBe(first.id);

    // Answered in the opposite order: each reply still reaches its own call.
    reply(socket, second.id, { state: 'ready' });
    reply(socket, first.id, {
      theme: 'dark',
      notificationsEnabled: true,
      notificationPreview: 'sender',
    });
    expect(await status).toEqual({ state: 'ready' });
    expect(await settings).toEqual({
      theme: 'dark',
      notificationsEnabled: true,
      notificationPreview: 'sender',
    });
  });

  it('delivers events and ignores frames that are not contract messages', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connected = nextConnection();
    const transport = open();
    const api = createApiClient(transport);
    const statuses: unknown[] = [];
    api.on('engine.status', (s) => statuses.push(s));
    const socket = await connected;
    await reaches(transport, 'open');

    socket.send('not json');
    socket.send(JSON.stringify({ type: 'surprise' }));
    socket.send(JSON.stringify({ type: 'event', name: 'no.such.event', payload: {} }));
    socket.send(JSON.stringify({ type: 'result', id: 999, result: { ok: true, value: 1 } }));
    socket.send(
      JSON.stringify({ type: 'event', name: 'engine.status', payload: { state: 'restarting' } }),
    );

    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'restarting' }]));
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('fails in-flight calls with UNAVAILABLE when the socket drops, then reconnects', async () => {
    const firstConnection = nextConnection();
    const transport = open();
    const api = createApiClient(transport);
    const states: ConnectionState[] = [];
    transport.onConnection((s) => states.push(s));

    const socket = await firstConnection;
    const calls = callsOn(socket);
    const inFlight = api.call('profile.get', {});
    await calls.next();

    const secondConnection = nextConnection();
    socket.terminate();
    const error: unknown = await inFlight.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('UNAVAILABLE');

    const again = await secondConnection;
    await reaches(transport, 'open');
    const retry = api.call('profile.get', {});
    const call = await callsOn(again).next();
    reply(again, call.id, null);
    expect(await retry).toBeNull();
    expect(states).toEqual(['connecting', 'open', 'connecting', 'open']);
  });

  it('fails calls at once while waiting to reconnect', async () => {
    const connected = nextConnection();
    // A long backoff keeps the transport between attempts for the whole test.
    const transport = open({ initialMs: 60_000, maxMs: 60_000 });
    const api = createApiClient(transport);
    const socket = await connected;
    await reaches(transport, 'open');

    const dropped = reaches(transport, 'connecting');
    socket.terminate();
    await dropped;
    const error: unknown = await api.call('engine.status', {}).catch((e: unknown) => e);
    expect((error as ContractError).code).toBe('UNAVAILABLE');
  });

  it('stops for good when closed, failing what is pending', async () => {
    const connected = nextConnection();
    const transport = open();
    const api = createApiClient(transport);
    const socket = await connected;
    const calls = callsOn(socket);
    const pending = api.call('settings.get', {});
    await calls.next();

    const serverSideClose = once(socket, 'close');
    transport.close();
    expect(((await pending.catch((e: unknown) => e)) as ContractError).code).toBe('UNAVAILABLE');
    await serverSideClose;
    const states: ConnectionState[] = [];
    transport.onConnection((s) => states.push(s));
    expect(states).toEqual(['closed']);
    expect(
      ((await api.call('settings.get', {}).catch((e: unknown) => e)) as ContractError).code,
    ).toBe('UNAVAILABLE');
  });
});

describe('backoffDelay', () => {
  const backoff = { initialMs: 250, maxMs: 5_000 };
  it('doubles from the initial delay up to the cap', () => {
    const middle = () => 0.5; // no jitter
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, backoff, middle))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
  });
  it('jitters by at most 20 %', () => {
    expect(backoffDelay(2, backoff, () => 0)).toBe(800);
    expect(backoffDelay(2, backoff, () => 1)).toBe(1200);
  });
});
