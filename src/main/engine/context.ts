// What every engine feature gets: the store, the clock, a logger and the event bus. The SMP
// client, agent and chat layers will join here as further members when they arrive.
import type { Database } from '../../node/sqlite';
import { ContractError } from '../../shared/ipc';
import type { Clock } from './clock';
import type { EventBus } from './events';
import type { Logger } from './log';

export interface EngineContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: EventBus;
  /** The open store; throws UNAVAILABLE while the engine is not running. */
  db(): Database;
  /** The current time as stored in rows (ISO 8601, UTC). */
  nowIso(): string;
}

export function unavailable(): ContractError {
  return new ContractError('UNAVAILABLE', 'the engine is not running');
}
