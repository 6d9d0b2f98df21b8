// Commands for one-time invitation links.
import { ContractError, type EngineHandlers } from '../../../shared/ipc';
import type { EngineContext } from '../context';

type InvitationHandlers = Pick<EngineHandlers, 'invitation.create'>;

export function invitationHandlers(_ctx: EngineContext): InvitationHandlers {
  return {
    'invitation.create': async () => {
      throw new ContractError('UNAVAILABLE', 'invitations are not available yet');
    },
  };
}
