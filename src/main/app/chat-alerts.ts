// The chat layer's events as the desktop shows them: a received message goes to the notifier
// (whose pure policy decides), and unread counts go to the tray. The engine is asked for the
// chat list at start and after every restart of its worker, which may have missed events.
import { callEngine, type EngineClient } from '../engine/host/client';
import type { Logger } from '../engine/log';
import { ContractError } from '../../shared/ipc';
import type { NewChatItemEvent } from '../../shared/models/chats';
import type { IncomingMessage } from '../../shared/notifications/policy';
import type { UnreadChats } from './unread-chats';

/** The message a new item is about, if it is one the user may be told of. */
export function incomingMessage({ chat, item }: NewChatItemEvent): IncomingMessage | undefined {
  if (item.direction !== 'rcv' || item.deleted) return undefined;
  return {
    chatId: chat.id,
    chatName: chat.title,
    // Direct chats only so far: the sender is the chat's contact.
    senderName: chat.title,
    text: item.text,
    isGroup: chat.type === 'group',
  };
}

export interface ChatAlertsOptions {
  readonly engine: EngineClient;
  readonly chats: UnreadChats;
  /** The notifier's notify(); it reads muting from `chats`, updated before this is called. */
  readonly notify: (message: IncomingMessage) => void;
  readonly log: Logger;
}

export interface ChatAlerts {
  /** Settles once the first chat list has been applied (or could not be read). */
  readonly seeded: Promise<void>;
  stop(): void;
}

export function connectChatAlerts({ engine, chats, notify, log }: ChatAlertsOptions): ChatAlerts {
  const refresh = async (): Promise<void> => {
    const asOf = chats.mark();
    try {
      chats.seed(await callEngine(engine, 'chats.list', {}), asOf);
    } catch (e) {
      // No profile yet, so no chats: they will all come as events.
      if (e instanceof ContractError && e.code === 'NOT_FOUND') return chats.seed([], asOf);
      log.warn('chat list not read; unread counts follow events only', {
        error: e instanceof Error ? e : null,
      });
    }
  };

  const unsubscribe = [
    engine.on('chats.updated', (chat) => chats.update(chat)),
    engine.on('chats.removed', ({ id }) => chats.remove(id)),
    engine.on('chat.item.added', (event) => {
      chats.update(event.chat);
      const message = incomingMessage(event);
      if (message) notify(message);
    }),
    engine.on('engine.status', (status) => {
      if (status.state === 'ready') void refresh();
    }),
  ];

  return {
    seeded: refresh(),
    stop: () => unsubscribe.forEach((off) => off()),
  };
}
