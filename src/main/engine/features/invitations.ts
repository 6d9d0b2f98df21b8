// Commands for one-time invitation links.
import type { EngineHandlers } from '../../../shared/ipc';
import { createInvitation } from '../chat/invitations';
import type { ChatRuntime } from '../chat/runtime';

type InvitationHandlers = Pick<EngineHandlers, 'invitation.create'>;

export function invitationHandlers(chat: ChatRuntime): InvitationHandlers {
  return {
    'invitation.create': () => createInvitation(chat.context()),
  };
}
