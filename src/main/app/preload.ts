// The preload (bundled alone as CommonJS, so it runs sandboxed): exposes `window.conclave`, one
// named function per contract command plus `on(event, listener)`. The page never gets
// ipcRenderer, nor the IPC event objects that would lead to it.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandNames, isEventName, type IpcResult } from '../../shared/ipc';
import { EVENT_CHANNEL, commandChannel, type ConclaveBridge } from '../../shared/ipc/bridge';

type Ipc = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createPreloadBridge(ipc: Ipc): ConclaveBridge {
  const commands = Object.fromEntries(
    commandNames.map((name) => [
      name,
      (input: unknown) => ipc.invoke(commandChannel(name), input) as Promise<IpcResult<unknown>>,
    ]),
  ) as ConclaveBridge['commands'];

  // contextBridge hands the page a copy, so nothing the page does reaches these objects.
  const bridge: ConclaveBridge = {
    commands,
    on(event, listener) {
      if (!isEventName(event)) throw new TypeError('unknown event');
      const handler = (_e: IpcRendererEvent, message: unknown) => {
        if (typeof message !== 'object' || message === null) return;
        if ('name' in message && message.name === event && 'payload' in message) {
          listener(message.payload);
        }
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
  };
  return bridge;
}

contextBridge.exposeInMainWorld('conclave', createPreloadBridge(ipcRenderer));
