// Contacts: list, read, delete.
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';

type ContactHandlers = Pick<EngineHandlers, 'contacts.list' | 'contacts.get' | 'contacts.delete'>;

const notYet = (): never => {
  throw new ContractError('UNAVAILABLE', 'contacts are not available yet');
};

export function contactHandlers(_ctx: EngineContext): ContactHandlers {
  return {
    'contacts.list': async () => notYet(),
    'contacts.get': async () => notYet(),
    'contacts.delete': async () => notYet(),
  };
}
