// Connecting through a link: someone's address or a one-time invitation.
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';

type ConnectHandlers = Pick<EngineHandlers, 'connect'>;

export function connectHandlers(_ctx: EngineContext): ConnectHandlers {
  return {
    connect: async () => {
      throw new ContractError('UNAVAILABLE', 'connecting is not available yet');
    },
  };
}
