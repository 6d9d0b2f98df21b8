// The browser-host transport: the contract's calls and events as JSON over one WebSocket.
// Replies are matched to calls by id. When the socket drops, calls waiting for a reply fail with
// UNAVAILABLE (the host may or may not have run them, so retrying is the caller's decision) and
// the transport reconnects with exponential backoff.
import { ContractError, isEventName, type CommandName, type EventName } from '../../shared/ipc';
import { WsServerMessage, type WsCall } from '../../shared/ipc/bridge';
import type { ConnectionState, Transport } from './transport';

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface WebSocketTransportOptions {
  readonly url: string;
  /** Tests may pass another constructor; the page uses the browser's WebSocket. */
  readonly createSocket?: (url: string) => WebSocket;
  readonly backoff?: Backoff;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 5_000 };

/** Delay before reconnect attempt `attempt` (0-based): doubling, capped, with ±20 % jitter. */
export function backoffDelay(attempt: number, backoff: Backoff, random = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}

interface Pending {
  readonly resolve: (raw: unknown) => void;
  readonly reject: (error: ContractError) => void;
}

function unavailable(why: string): ContractError {
  return new ContractError('UNAVAILABLE', why);
}

export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  let socket: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let closedForGood = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  /** Calls made before the socket opened, sent as soon as it does. */
  let queued: WsCall[] = [];
  const pending = new Map<number, Pending>();
  const subscribers = new Map<EventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  }

  function failAll(why: string): void {
    const waiting = [...pending.values()];
    pending.clear();
    queued = [];
    for (const p of waiting) p.reject(unavailable(why));
  }

  function scheduleReconnect(): void {
    if (closedForGood) return;
    setState('connecting');
    retryTimer = setTimeout(connect, backoffDelay(attempt++, backoff));
  }

  function connect(): void {
    retryTimer = undefined;
    let ws: WebSocket;
    try {
      ws = createSocket(options.url);
    } catch {
      failAll('could not connect to Conclave');
      return scheduleReconnect();
    }
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      attempt = 0;
      const toSend = queued;
      queued = [];
      for (const message of toSend) ws.send(JSON.stringify(message));
      setState('open');
    });
    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (socket === ws) receive(event.data);
    });
    // 'error' is always followed by 'close', which does the work.
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = undefined;
      failAll('the connection to Conclave was lost');
      scheduleReconnect();
    });
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return warn('a binary frame');
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return warn('a frame that is not JSON');
    }
    const parsed = WsServerMessage.safeParse(json);
    if (!parsed.success) return warn('a malformed message');
    const message = parsed.data;
    if (message.type === 'result') {
      const call = pending.get(message.id);
      if (!call) return warn(`a reply to unknown call ${message.id}`);
      pending.delete(message.id);
      call.resolve(message.result);
      return;
    }
    if (!isEventName(message.name)) return warn(`unknown event '${message.name}'`);
    for (const listener of subscribers.get(message.name) ?? []) listener(message.payload);
  }

  function warn(what: string): void {
    console.warn(`conclave: ignored ${what} from the host`);
  }

  connect();

  return {
    call(name: CommandName, input: unknown): Promise<unknown> {
      if (closedForGood) return Promise.reject(unavailable('the connection is closed'));
      // Between a drop and the next attempt there is no socket to wait for: fail fast so the UI
      // can say so, rather than hang until the host is back.
      const ws = socket;
      if (!ws) return Promise.reject(unavailable('reconnecting to Conclave'));
      const message: WsCall = { type: 'call', id: nextId++, name, input };
      return new Promise<unknown>((resolve, reject) => {
        pending.set(message.id, { resolve, reject });
        if (state === 'open') {
          ws.send(JSON.stringify(message));
        } else {
          queued.push(message);
        }
      });
    },

    subscribe(event, listener) {
      let set = subscribers.get(event);
      if (!set) subscribers.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },

    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => {
        connectionListeners.delete(listener);
      };
    },

    close() {
      if (closedForGood) return;
      closedForGood = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const ws = socket;
      socket = undefined;
      ws?.close();
      failAll('the connection is closed');
      setState('closed');
    },
  };
}
