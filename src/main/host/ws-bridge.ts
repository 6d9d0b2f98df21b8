// The contract over one WebSocket per page (messages of src/shared/ipc/bridge.ts). The upgrade
// is refused unless the path is /ipc, the token matches and the Origin is this host's own page;
// each call then goes through the shared dispatcher, and every engine event goes to every socket.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MAX_PAYLOAD_BYTES, errorResult } from '../../shared/ipc';
import { WS_PATH, WsCall, type WsServerMessage } from '../../shared/ipc/bridge';
import type { Dispatcher } from '../engine/host/dispatcher';
import type { EngineClient } from '../engine/host/client';
import type { Logger } from '../engine/log';
import { tokenMatches } from './token';

/**
 * Frames up to this size reach the dispatcher, which answers an input over MAX_PAYLOAD_BYTES with
 * a TOO_LARGE envelope; anything bigger is cut off by ws itself (close code 1009).
 */
export const MAX_FRAME_BYTES = 2 * MAX_PAYLOAD_BYTES;

export interface BridgeOptions {
  readonly token: string;
  /** This host's page origin, e.g. http://127.0.0.1:5123 (known once listening). */
  readonly origin: () => string;
  readonly dispatcher: Dispatcher;
  readonly engine: EngineClient;
  readonly log: Logger;
}

export interface Bridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function textOf(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw).toString('utf8');
}

/** The id of a frame that is JSON with a usable id, so a refusal can still be matched. */
function idOf(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null || !('id' in data)) return undefined;
  const id = data.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

export function createBridge(options: BridgeOptions): Bridge {
  const { dispatcher, engine, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const send = (ws: WebSocket, message: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  const unsubscribe = engine.onAny((name, payload) => {
    for (const ws of wss.clients) send(ws, { type: 'event', name, payload });
  });

  const onMessage = async (ws: WebSocket, raw: RawData, isBinary: boolean) => {
    if (isBinary) return ws.close(1003, 'text frames only');
    let data: unknown;
    try {
      data = JSON.parse(textOf(raw));
    } catch {
      return ws.close(1007, 'malformed JSON');
    }
    const call = WsCall.safeParse(data);
    if (!call.success) {
      const id = idOf(data);
      if (id === undefined) return ws.close(1008, 'not a call');
      const refusal = errorResult('BAD_INPUT', 'malformed call');
      return send(ws, { type: 'result', id, result: refusal });
    }
    const result = await dispatcher.dispatch(call.data.name, call.data.input);
    send(ws, { type: 'result', id: call.data.id, result });
  };

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
      if (!tokenMatches(options.token, url.searchParams.get('token'))) {
        log.warn('refused a WebSocket with a wrong token');
        return refuseUpgrade(socket, 403, 'Forbidden');
      }
      if (
        req.headers.origin !== options.origin() ||
        req.headers.host !== new URL(options.origin()).host
      ) {
        log.warn('refused a WebSocket from a foreign origin');
        return refuseUpgrade(socket, 403, 'Forbidden');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', (raw, isBinary) => {
          onMessage(ws, raw, isBinary).catch((e: unknown) => {
            log.error('WebSocket call failed', { error: e instanceof Error ? e : null });
          });
        });
        ws.on('error', (e) => log.warn('WebSocket error', { error: e }));
      });
    },

    async close() {
      unsubscribe();
      for (const ws of wss.clients) ws.close(1001, 'the host is shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
