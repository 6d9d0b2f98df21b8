// How a line fails, wherever it fails: not a command (the parser), an unknown name (the lookup),
// or the engine's answer (a contract error code).
import type { IpcErrorCode } from '../shared/ipc';
import type { CommandErrorCode, CommandKind } from './commands';

export type FailureCode = IpcErrorCode | CommandErrorCode;

/** A command that did not succeed: a bad line, an unknown name, or an engine error. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    readonly code: FailureCode,
    message: string,
    /** The command that failed, when the line parsed. */
    readonly command?: CommandKind,
  ) {
    super(message);
  }
}
