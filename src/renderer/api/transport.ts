// What the api client needs from a transport: send one command and get its raw result envelope,
// and subscribe to raw event payloads. Everything a transport delivers is untrusted; the client
// parses it with the contract's schemas.
import type { CommandName, EventName } from '../../shared/ipc';

/**
 * Whether the transport can reach the host right now. The preload is always 'open'; the
 * WebSocket is 'connecting' until its first handshake and after a drop.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface Transport {
  /** Resolves with the raw result envelope; rejects (preferably with a ContractError) on failure. */
  call(name: CommandName, input: unknown): Promise<unknown>;
  /** Subscribes to one event's raw payloads; returns the unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Reports connection changes; the current state is reported at once on subscription. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Stops the transport for good (tests, page teardown). */
  close(): void;
}
