// The one place a command is checked and run: parse the input with the command's schema, call
// the handler, parse the output, and wrap either outcome in an ok/error envelope. The engine
// service and main's dispatcher both use it.
import type { z } from 'zod';
import {
  ContractError,
  commands,
  errorResult,
  toIpcError,
  type CommandName,
  type CommandSpec,
  type IpcResult,
} from '../../../shared/ipc';
import type { Logger } from '../log';

/** The first few zod issues as one line: paths and messages, never the offending values. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export async function runCommand(
  name: CommandName,
  rawInput: unknown,
  handler: (input: unknown) => Promise<unknown>,
  log: Logger,
): Promise<IpcResult<unknown>> {
  // Widened once, so each schema is used without a union of every command's types.
  const spec: CommandSpec = commands[name];
  const input = spec.input.safeParse(rawInput);
  if (!input.success) return errorResult('BAD_INPUT', `${name}: ${describeIssues(input.error)}`);

  let value: unknown;
  try {
    value = await handler(input.data);
  } catch (e) {
    if (!(e instanceof ContractError)) {
      log.error('command failed', { command: name, error: e instanceof Error ? e : null });
    }
    return { ok: false, error: toIpcError(e) };
  }

  const output = spec.output.safeParse(value);
  if (!output.success) {
    // A bug on our side; the details go to the log, not to the caller.
    log.error('command result refused by its schema', {
      command: name,
      issues: describeIssues(output.error),
    });
    return errorResult('BAD_OUTPUT', `${name}: the result did not match the contract`);
  }
  return { ok: true, value: output.data };
}
