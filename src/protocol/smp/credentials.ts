/**
 * Which transmissions must, or must not, carry an authorization and an entity id (§1.4). The
 * server answers a violation with ERR CMD <code> before looking at any queue; the client applies
 * the response rules to what servers send.
 */
import type { CommandTag } from './commands';
import type { CommandErrorCode } from './errors';
import type { ResponseTag } from './responses';

export type CredentialError = Extract<CommandErrorCode, 'NO_AUTH' | 'HAS_AUTH' | 'NO_ENTITY'>;

/** The credential rule a command breaks, or undefined when it has what it needs. */
export function commandCredentialError(
  tag: CommandTag,
  hasAuth: boolean,
  entityId: Uint8Array,
): CredentialError | undefined {
  const hasEntity = entityId.length > 0;
  switch (tag) {
    case 'NEW':
      // Authorized by the new queue's own key; there is no entity yet.
      if (!hasAuth) return 'NO_AUTH';
      return hasEntity ? 'HAS_AUTH' : undefined;
    case 'SEND':
      // Unauthorized while the queue is unsecured (and always for contact queues).
      return hasEntity ? undefined : 'NO_ENTITY';
    case 'LGET':
      if (!hasEntity) return 'NO_ENTITY';
      return hasAuth ? 'HAS_AUTH' : undefined;
    case 'PING':
      return hasAuth || hasEntity ? 'HAS_AUTH' : undefined;
    default:
      return hasAuth && hasEntity ? undefined : 'NO_AUTH';
  }
}

/** The rule a server response breaks, checked by the client on what it receives. */
export function responseCredentialError(
  tag: ResponseTag,
  entityId: Uint8Array,
): CredentialError | undefined {
  switch (tag) {
    case 'IDS':
    case 'ERR':
      return undefined;
    case 'PONG':
      return entityId.length === 0 ? undefined : 'HAS_AUTH';
    default:
      return entityId.length > 0 ? undefined : 'NO_ENTITY';
  }
}
