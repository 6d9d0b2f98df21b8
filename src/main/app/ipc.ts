// Electron's side of the contract: one ipcMain handler per command, all through the shared
// dispatcher, each refusing calls that do not come from our own page's main frame. Events go to
// the window on one channel.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { commandNames, errorResult, type EventName, type EventPayload } from '../../shared/ipc';
import { EVENT_CHANNEL, commandChannel } from '../../shared/ipc/bridge';
import type { Dispatcher } from '../engine/host/dispatcher';
import type { Logger } from '../engine/log';
import { isAppUrl } from './security/origin';

/** What the check needs of IpcMainInvokeEvent.senderFrame. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Only the top frame of our app:// page may call; iframes and other origins may not. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpcHandlers(dispatcher: Dispatcher, log: Logger): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        log.warn('refused IPC from a foreign frame', { command: name });
        return errorResult('FORBIDDEN', 'calls are accepted from the Conclave window only');
      }
      return dispatcher.dispatch(name, input);
    });
  }
  return () => {
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}

/** The message on EVENT_CHANNEL. */
export interface EventMessage {
  readonly name: EventName;
  readonly payload: unknown;
}

export function sendEvent<E extends EventName>(
  win: BrowserWindow | undefined,
  name: E,
  payload: EventPayload<E>,
): void {
  if (!win || win.isDestroyed()) return;
  const message: EventMessage = { name, payload };
  win.webContents.send(EVENT_CHANNEL, message);
}
