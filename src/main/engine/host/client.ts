// How main, the browser host and tests talk to the engine, wherever it runs: in this process, or
// in the engine worker process. The same contract either way.
import {
  ContractError,
  commands,
  type CommandOutput,
  type EngineCommandName,
  type EventName,
  type IpcResult,
  type ParsedInput,
} from '../../../shared/ipc';
import type { EngineStatus } from '../../../shared/models/engine';
import type { AnyEventListener, EventListener } from '../events';

export interface EngineClient {
  /**
   * Runs one engine command. Never rejects: failures, including an engine that is starting,
   * restarting or stopped (UNAVAILABLE), come back as error envelopes.
   */
  call(name: EngineCommandName, input: unknown): Promise<IpcResult<unknown>>;
  /** Contract events from the engine, and 'engine.status' from the client itself. */
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  onAny(listener: AnyEventListener): () => void;
  readonly status: EngineStatus;
  /** Stops the engine in order (its store flushed and closed). */
  close(): Promise<void>;
}

/**
 * A typed call for code that holds a client directly (tests, headless tools): checks the output
 * against the contract and throws a ContractError for an error envelope.
 */
export async function callEngine<N extends EngineCommandName>(
  client: EngineClient,
  name: N,
  input: ParsedInput<N>,
): Promise<CommandOutput<N>> {
  const result = await client.call(name, input);
  if (!result.ok) throw new ContractError(result.error.code, result.error.message);
  const output = commands[name].output.safeParse(result.value);
  if (!output.success) throw new ContractError('BAD_OUTPUT', `${name}: unexpected result`);
  // The output schema of `name` has just accepted the value, which is what the type says.
  return output.data as CommandOutput<N>;
}
