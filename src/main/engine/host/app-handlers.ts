// The commands the shell answers itself, the same in Electron and in the browser host.
import type { ChatId } from '../../../shared/models/chats';
import type { AppInfo } from '../../../shared/models/engine';
import type { EngineClient } from './client';
import type { AppHandlers } from './dispatcher';

export interface AppHandlerOptions {
  readonly info: AppInfo;
  readonly engine: EngineClient;
  /** The renderer has subscribed to events (deliver anything buffered for it). */
  readonly onRendererReady?: () => void;
  /** The window now shows this chat (null: none); the notifier's policy reads it. */
  readonly onChatFocused?: (chatId: ChatId | null) => void;
}

export function createAppHandlers(options: AppHandlerOptions): AppHandlers {
  return {
    'app.info': async () => options.info,
    'engine.status': async () => options.engine.status,
    'app.ready': async () => {
      options.onRendererReady?.();
      return null;
    },
    'app.chat.focused': async ({ chatId }) => {
      options.onChatFocused?.(chatId);
      return null;
    },
  };
}
