// Incoming contact requests: list, accept, reject.
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';

type RequestHandlers = Pick<
  EngineHandlers,
  'requests.list' | 'requests.accept' | 'requests.reject'
>;

const notYet = (): never => {
  throw new ContractError('UNAVAILABLE', 'contact requests are not available yet');
};

export function requestHandlers(_ctx: EngineContext): RequestHandlers {
  return {
    'requests.list': async () => notYet(),
    'requests.accept': async () => notYet(),
    'requests.reject': async () => notYet(),
  };
}
