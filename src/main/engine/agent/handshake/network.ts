// The network call of a handshake step.
import { toAgentError } from '../smp-errors';

/** SMP failures become agent errors (NETWORK ones are retried). */
export async function network<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw toAgentError(e, 'handshake step');
  }
}
