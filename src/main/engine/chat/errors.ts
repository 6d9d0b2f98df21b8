// Agent and SMP failures as contract errors: a code the renderer can branch on and a message a
// user can act on. Anything unexpected is rethrown and becomes INTERNAL at the contract edge.
import { ContractError } from '../../../shared/ipc';
import { MessageTooLargeError } from '../../../protocol/chat';
import { DatabaseClosedError } from '../../../node/sqlite';
import { isAgentError } from '../agent';

export function toContractError(e: unknown): unknown {
  if (e instanceof ContractError) return e;
  if (e instanceof MessageTooLargeError) {
    return new ContractError('INVALID', 'the message is too large to send');
  }
  if (!isAgentError(e)) return e;
  switch (e.code) {
    case 'LINK':
      return new ContractError('INVALID', 'this is not a valid SimpleX link');
    case 'LINK_DATA':
      return new ContractError('INVALID', 'the link could not be verified');
    case 'VERSION':
      return new ContractError('INVALID', 'this link needs a version of SimpleX we do not support');
    case 'AUTH':
      return new ContractError('INVALID', 'this link was already used or has been deleted');
    case 'NETWORK':
      return new ContractError('NETWORK', 'the server could not be reached; try again later');
    case 'SERVER':
      return new ContractError('NETWORK', 'the server refused the request');
    case 'LARGE_MSG':
      return new ContractError('INVALID', 'the message is too large to send');
    case 'CONN_STATE':
      return new ContractError('CONFLICT', 'the connection is not ready for this');
    case 'CONN_NOT_FOUND':
    case 'INVITATION_NOT_FOUND':
    case 'CONFIRMATION_NOT_FOUND':
    case 'MESSAGE_NOT_FOUND':
      return new ContractError('NOT_FOUND', 'the connection no longer exists');
    case 'NO_SERVER':
      return noServerError();
    case 'STOPPED':
      return new ContractError('UNAVAILABLE', 'the engine is not running');
    default:
      return e;
  }
}

/** Runs `work`, turning agent failures into contract errors. */
export async function asContract<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toContractError(e);
  }
}

export function noServerError(): ContractError {
  return new ContractError(
    'UNAVAILABLE',
    'no SMP server is configured: use the embedded server or add a server in settings',
  );
}

export function notFound(what: string): ContractError {
  return new ContractError('NOT_FOUND', `${what} does not exist`);
}

/** The engine is going down: work left undone now is redone at the next start. */
export function isShutdown(e: unknown): boolean {
  return (
    e instanceof DatabaseClosedError ||
    isAgentError(e, 'STOPPED') ||
    (e instanceof ContractError && e.code === 'UNAVAILABLE')
  );
}
