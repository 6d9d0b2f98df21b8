// The one entry for every command from a renderer, shared by Electron main and the browser host.
// The caller has already checked who is asking (Electron: the sender frame is our app:// page;
// host: the socket's token and Origin); everything else is checked here: a known command name, a
// payload within MAX_PAYLOAD_BYTES, the input schema, the output schema. The reply is always an
// ok/error envelope.
import {
  ContractError,
  MAX_PAYLOAD_BYTES,
  commands,
  errorResult,
  isCommandName,
  payloadSize,
  type CommandName,
  type CommandOutput,
  type EngineCommandName,
  type IpcResult,
  type ParsedInput,
} from '../../../shared/ipc';
import type { Logger } from '../log';
import type { EngineClient } from './client';
import { runCommand } from './run-command';

export type AppCommandName = Exclude<CommandName, EngineCommandName>;

/** What the shell (Electron main or the browser host) answers itself. */
export type AppHandlers = {
  [N in AppCommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>>;
};

export interface Dispatcher {
  dispatch(name: unknown, rawInput: unknown): Promise<IpcResult<unknown>>;
}

export interface DispatcherOptions {
  readonly engine: EngineClient;
  readonly appHandlers: AppHandlers;
  readonly log: Logger;
}

export function createDispatcher({ engine, appHandlers, log }: DispatcherOptions): Dispatcher {
  const viaEngine =
    (name: EngineCommandName) =>
    async (input: unknown): Promise<unknown> => {
      const result = await engine.call(name, input);
      if (!result.ok) throw new ContractError(result.error.code, result.error.message);
      return result.value;
    };

  const handlerFor = (name: CommandName): ((input: unknown) => Promise<unknown>) => {
    const spec = commands[name];
    if (spec.handler === 'engine') return viaEngine(name as EngineCommandName);
    // The input was parsed by the schema of `name` before this handler runs.
    return appHandlers[name as AppCommandName] as (input: unknown) => Promise<unknown>;
  };

  return {
    async dispatch(name, rawInput) {
      if (!isCommandName(name)) {
        const shown = typeof name === 'string' ? ` '${name.slice(0, 100)}'` : '';
        return errorResult('UNKNOWN_COMMAND', `unknown command${shown}`);
      }
      const size = payloadSize(rawInput);
      if (size > MAX_PAYLOAD_BYTES) {
        return errorResult(
          'TOO_LARGE',
          `${name}: the input is ${Number.isFinite(size) ? `${size} bytes` : 'not encodable'}; the limit is ${MAX_PAYLOAD_BYTES}`,
        );
      }
      return runCommand(name, rawInput, handlerFor(name), log);
    },
  };
}
