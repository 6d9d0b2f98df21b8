// How the contract crosses process boundaries. Two transports carry the same calls and events:
// - Electron: the preload exposes `window.conclave` (a ConclaveBridge) built from the contract;
//   each command is an ipcMain handler on channel `conclave:cmd:<name>`, events arrive on
//   `conclave:event`.
// - Browser host: the page at http://127.0.0.1:<port>/#token=<token> opens
//   ws://127.0.0.1:<port>/ipc?token=<token> and exchanges the JSON messages below.
import { z } from 'zod';
import type { IpcResult } from './contract';
import { IpcResultSchema } from './contract';
import type { CommandName, EventName } from './index';

export const COMMAND_CHANNEL_PREFIX = 'conclave:cmd:';
export const EVENT_CHANNEL = 'conclave:event';
export const WS_PATH = '/ipc';

export function commandChannel(name: CommandName): string {
  return `${COMMAND_CHANNEL_PREFIX}${name}`;
}

/** What the preload exposes on `window.conclave`: named functions, never ipcRenderer itself. */
export interface ConclaveBridge {
  readonly commands: {
    readonly [N in CommandName]: (input: unknown) => Promise<IpcResult<unknown>>;
  };
  /** Subscribes to one event; returns the unsubscribe function. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

export const WsCall = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  name: z.string().max(100),
  input: z.unknown(),
});
export type WsCall = z.infer<typeof WsCall>;

export const WsResult = z.object({
  type: z.literal('result'),
  id: z.number().int().nonnegative(),
  result: IpcResultSchema,
});
export type WsResult = z.infer<typeof WsResult>;

export const WsEvent = z.object({
  type: z.literal('event'),
  name: z.string(),
  payload: z.unknown(),
});
export type WsEvent = z.infer<typeof WsEvent>;

export const WsServerMessage = z.discriminatedUnion('type', [WsResult, WsEvent]);
export type WsServerMessage = z.infer<typeof WsServerMessage>;
