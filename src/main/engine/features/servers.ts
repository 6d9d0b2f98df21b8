// SMP server settings: the embedded server or a custom list, each tested when added.
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';

type ServerHandlers = Pick<EngineHandlers, 'servers.get' | 'servers.set' | 'servers.test'>;

const notYet = (): never => {
  throw new ContractError('UNAVAILABLE', 'server settings are not available yet');
};

export function serverHandlers(_ctx: EngineContext): ServerHandlers {
  return {
    'servers.get': async () => notYet(),
    'servers.set': async () => notYet(),
    'servers.test': async () => notYet(),
  };
}
