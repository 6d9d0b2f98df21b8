// The one api client of the renderer. It speaks the typed IPC contract over whichever transport
// it is given and trusts nothing that comes back: result envelopes, command outputs and event
// payloads are all parsed with the contract's schemas.
import {
  ContractError,
  IpcResultSchema,
  MAX_PAYLOAD_BYTES,
  commands,
  events,
  payloadSize,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type CommandSpec,
  type EventName,
  type EventPayload,
} from '../../shared/ipc';
import type { ConnectionState, Transport } from './transport';

export interface ApiClient {
  /** Runs one command; throws a ContractError carrying the contract's error code on failure. */
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** Subscribes to one event; payloads that fail the event's schema are dropped with a warning. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Follows the transport's connection (the current state is reported at once). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

export { ContractError };

/** Turns whatever a transport threw into a ContractError; unknown failures mean "unreachable". */
function asContractError(e: unknown): ContractError {
  if (e instanceof ContractError) return e;
  const message = e instanceof Error ? e.message : 'the transport failed';
  return new ContractError('UNAVAILABLE', message);
}

function firstIssue(error: { issues: readonly { message: string }[] }): string {
  return error.issues[0]?.message ?? 'invalid';
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
      // Widened once here so each schema can be used without a union of every command's types.
      const spec: CommandSpec = commands[name];
      // Checking the input first gives forms the same message the host would send, without a
      // round trip; the host parses it again, since it trusts the renderer no more than we do.
      const checked = spec.input.safeParse(input);
      if (!checked.success) throw new ContractError('BAD_INPUT', firstIssue(checked.error));
      if (payloadSize(input) > MAX_PAYLOAD_BYTES) {
        throw new ContractError('TOO_LARGE', `${name}: input is too large`);
      }

      let raw: unknown;
      try {
        raw = await transport.call(name, input);
      } catch (e) {
        throw asContractError(e);
      }

      const envelope = IpcResultSchema.safeParse(raw);
      if (!envelope.success) throw new ContractError('BAD_OUTPUT', `${name}: malformed reply`);
      if (!envelope.data.ok) {
        throw new ContractError(envelope.data.error.code, envelope.data.error.message);
      }
      const output = spec.output.safeParse(envelope.data.value);
      if (!output.success) {
        throw new ContractError('BAD_OUTPUT', `${name}: ${firstIssue(output.error)}`);
      }
      // The output schema of `name` has just accepted the value, which is what the type says.
      return output.data as CommandOutput<N>;
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const schema = events[event];
      return transport.subscribe(event, (raw) => {
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          console.warn(
            `conclave: dropped an invalid '${event}' event: ${firstIssue(parsed.error)}`,
          );
          return;
        }
        // Parsed by the schema of `event` just above.
        listener(parsed.data as EventPayload<E>);
      });
    },

    onConnection: (listener) => transport.onConnection(listener),
    close: () => transport.close(),
  };
}
