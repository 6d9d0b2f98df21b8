// Connecting through a link: someone's address or a one-time invitation.
import type { EngineHandlers } from '../../../shared/ipc';
import { connect } from '../chat/connect';
import type { ChatRuntime } from '../chat/runtime';

type ConnectHandlers = Pick<EngineHandlers, 'connect'>;

export function connectHandlers(chat: ChatRuntime): ConnectHandlers {
  return {
    connect: ({ link }) => connect(chat.context(), link),
  };
}
