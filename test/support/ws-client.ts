// A small client for the browser host's WebSocket in tests: numbered calls, collected events.
import WebSocket from 'ws';
import type { IpcResult } from '../../src/shared/ipc';
import { WsServerMessage } from '../../src/shared/ipc/bridge';

export interface TestSocket {
  call(name: unknown, input: unknown): Promise<IpcResult<unknown>>;
  sendRaw(data: string | Buffer): void;
  /** The result for an id used in a raw frame. */
  resultFor(id: number): Promise<IpcResult<unknown>>;
  /** Resolves with the next event of that name (or one already received and not yet taken). */
  nextEvent(name: string): Promise<unknown>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Connects, or rejects with the HTTP status the server refused the upgrade with. */
export function connect(url: string, origin: string | undefined): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    let nextId = 1_000;
    const pending = new Map<number, (r: IpcResult<unknown>) => void>();
    const events: { name: string; payload: unknown }[] = [];
    const waiters: { name: string; resolve: (p: unknown) => void }[] = [];
    const closed = new Promise<{ code: number; reason: string }>((res) =>
      ws.on('close', (code, reason) => res({ code, reason: reason.toString() })),
    );

    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('message', (raw: Buffer) => {
      const message = WsServerMessage.parse(JSON.parse(raw.toString('utf8')));
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        return;
      }
      const waiter = waiters.findIndex((w) => w.name === message.name);
      if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(message.payload);
      else events.push(message);
    });
    ws.on('open', () =>
      resolve({
        call(name, input) {
          const id = nextId++;
          return new Promise((res) => {
            pending.set(id, res);
            ws.send(JSON.stringify({ type: 'call', id, name, input }));
          });
        },
        sendRaw: (data) => ws.send(data),
        resultFor: (id) => new Promise((res) => pending.set(id, res)),
        nextEvent(name) {
          const i = events.findIndex((e) => e.name === name);
          if (i >= 0) return Promise.resolve(events.splice(i, 1)[0]!.payload);
          return new Promise((res) => waiters.push({ name, resolve: res }));
        },
        closed,
        close: () => ws.close(),
      }),
    );
  });
}
