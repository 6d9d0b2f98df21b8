// Incoming contact requests: list, accept, reject.
import type { EngineHandlers } from '../../../shared/ipc';
import { acceptRequest, listRequestViews, rejectRequest } from '../chat/requests';
import type { ChatRuntime } from '../chat/runtime';

type RequestHandlers = Pick<
  EngineHandlers,
  'requests.list' | 'requests.accept' | 'requests.reject'
>;

export function requestHandlers(chat: ChatRuntime): RequestHandlers {
  return {
    'requests.list': () => listRequestViews(chat.context()),
    'requests.accept': ({ id }) => acceptRequest(chat.context(), id),
    'requests.reject': async ({ id }) => {
      await rejectRequest(chat.context(), id);
      return null;
    },
  };
}
