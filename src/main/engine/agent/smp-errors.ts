// SMP client failures as agent errors: what is temporary (retry), what is final.
import { SmpClientError, isTemporary } from '../smp/errors';
import { AgentError } from './errors';

export { isTemporary };

export function toAgentError(e: unknown, what: string): AgentError {
  if (e instanceof AgentError) return e;
  if (!(e instanceof SmpClientError)) {
    return new AgentError('SERVER', `${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
  switch (e.kind) {
    case 'TIMEOUT':
    case 'NETWORK':
    case 'HANDSHAKE':
      return new AgentError('NETWORK', `${what}: ${e.message}`, e.kind, { cause: e });
    case 'CLOSED':
      return new AgentError('STOPPED', `${what}: ${e.message}`, e.kind, { cause: e });
    case 'SERVER': {
      const type = e.smpError?.type ?? 'INTERNAL';
      if (type === 'AUTH')
        return new AgentError('AUTH', `${what}: ${e.message}`, type, { cause: e });
      if (type === 'LARGE_MSG') {
        return new AgentError('LARGE_MSG', `${what}: ${e.message}`, type, { cause: e });
      }
      return new AgentError('SERVER', `${what}: ${e.message}`, type, { cause: e });
    }
    default:
      return new AgentError('SERVER', `${what}: ${e.message}`, e.kind, { cause: e });
  }
}

/** Failures worth retrying: the network, and the SMP handshake (a server restarting). */
export function isRetryable(e: unknown): boolean {
  return isTemporary(e) || (e instanceof SmpClientError && e.kind === 'HANDSHAKE');
}
