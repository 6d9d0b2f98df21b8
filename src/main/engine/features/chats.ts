// Chats and their items: list, page, send, edit, delete, react, read, mute.
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';

type ChatHandlers = Pick<
  EngineHandlers,
  | 'chats.list'
  | 'chat.items'
  | 'chat.send'
  | 'chat.item.update'
  | 'chat.item.delete'
  | 'chat.item.react'
  | 'chat.markRead'
  | 'chat.setMuted'
>;

const notYet = (): never => {
  throw new ContractError('UNAVAILABLE', 'chats are not available yet');
};

export function chatHandlers(_ctx: EngineContext): ChatHandlers {
  return {
    'chats.list': async () => notYet(),
    'chat.items': async () => notYet(),
    'chat.send': async () => notYet(),
    'chat.item.update': async () => notYet(),
    'chat.item.delete': async () => notYet(),
    'chat.item.react': async () => notYet(),
    'chat.markRead': async () => notYet(),
    'chat.setMuted': async () => notYet(),
  };
}
