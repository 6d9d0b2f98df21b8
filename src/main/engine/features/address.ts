// Commands for the user's contact address.
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';

type AddressHandlers = Pick<
  EngineHandlers,
  'address.get' | 'address.create' | 'address.delete' | 'address.setAutoAccept'
>;

const notYet = (): never => {
  throw new ContractError('UNAVAILABLE', 'the contact address is not available yet');
};

export function addressHandlers(_ctx: EngineContext): AddressHandlers {
  return {
    'address.get': async () => notYet(),
    'address.create': async () => notYet(),
    'address.delete': async () => notYet(),
    'address.setAutoAccept': async () => notYet(),
  };
}
