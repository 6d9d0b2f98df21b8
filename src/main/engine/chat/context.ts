// What every part of the chat layer works with while the engine runs: the store, the agent (when
// an SMP server is configured), the event bus, the logger, the clock, the per-connection queue,
// and the deleter of connections the chat layer is done with.
import type { Database, Executor } from '../../../node/sqlite';
import { ContractError } from '../../../shared/ipc';
import type { ProfileView } from '../../../shared/models/profile';
import type { Agent } from '../agent';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { getActiveProfile } from '../store/profiles';
import type { ConnDeleter } from './conn-deleter';
import type { KeyedSerial } from './serial';

export interface ChatContext {
  readonly db: Database;
  readonly events: EventBus;
  readonly log: Logger;
  readonly serial: KeyedSerial;
  readonly deleter: ConnDeleter;
  /** The current time as stored in rows (ISO 8601, UTC). */
  now(): string;
  /** The agent; UNAVAILABLE with a clear message while no SMP server is configured. */
  agent(): Agent;
}

/** The active user profile, which everything in the chat layer belongs to. */
export async function requireUser(q: Executor): Promise<ProfileView> {
  const user = await getActiveProfile(q);
  if (!user) throw new ContractError('NOT_FOUND', 'there is no profile yet; create one first');
  return user;
}
