// The engine side of the contract: turns (name, input) from any caller into a checked handler
// call. The in-process client and the engine worker both serve the engine through this.
import { commands, errorResult, type EngineCommandName, type IpcResult } from '../../../shared/ipc';
import type { Engine } from '../engine';
import type { Logger } from '../log';
import { runCommand } from './run-command';

export type EngineService = (name: string, input: unknown) => Promise<IpcResult<unknown>>;

export function isEngineCommand(name: unknown): name is EngineCommandName {
  return (
    typeof name === 'string' &&
    Object.prototype.hasOwnProperty.call(commands, name) &&
    commands[name as keyof typeof commands].handler === 'engine'
  );
}

export function createEngineService(engine: Engine, log: Logger): EngineService {
  return (name, input) => {
    if (!isEngineCommand(name)) {
      return Promise.resolve(errorResult('UNKNOWN_COMMAND', 'not an engine command'));
    }
    // runCommand parsed the input with the schema of `name`, which is the type this handler
    // takes; the union of all handlers cannot express that pairing, hence the widening.
    const handler = engine.handlers[name] as (input: unknown) => Promise<unknown>;
    return runCommand(name, input, handler, log);
  };
}
