// Typed errors of the SMP server's own inputs: its data directory, its config file and its
// command line. Protocol errors travel to clients as ERR responses and never become exceptions.

export type DataDirProblem =
  | 'MISSING'
  | 'NOT_A_DIRECTORY'
  | 'NOT_INITIALISED'
  | 'ALREADY_INITIALISED'
  | 'INVALID_CONFIG'
  | 'INVALID_CREDENTIALS';

/** The data directory cannot be used as it is; nothing in it was changed. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
  constructor(
    readonly problem: DataDirProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A bad command line: the message says what was wrong and what is expected. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
