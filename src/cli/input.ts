// One line of input as the runner takes it: a command as typed, or in --json mode also an object
// {"cmd", "corrId"} whose correlation id the answer carries back. Pure; a line that is not a
// command comes back as a failure to print (with the corrId, when the object had one).
import { z } from 'zod';
import { parseCommand, type Command } from './commands';
import { CliFailure } from './failure';

/** A line longer than this is refused whole (the longest command is a 15,000-character message). */
export const MAX_LINE_CHARS = 64 * 1024;

const JsonInput = z.strictObject({
  cmd: z.string(),
  corrId: z.string().min(1).max(200).optional(),
});

export type InputLine =
  | { readonly ok: true; readonly command: Command; readonly corrId?: string }
  | { readonly ok: false; readonly failure: CliFailure; readonly corrId?: string }
  /** Nothing to do (a blank line). */
  | { readonly ok: 'empty' };

export function readInputLine(raw: string, json: boolean): InputLine {
  if (raw.length > MAX_LINE_CHARS) {
    return refused('TOO_LARGE', `a line is at most ${MAX_LINE_CHARS} characters`);
  }
  if (!json || !raw.trimStart().startsWith('{')) return commandIn(raw);
  const parsed = JsonInput.safeParse(parseJson(raw));
  if (!parsed.success) {
    return refused('BAD_INPUT', 'a line is a command, or {"cmd": "<command>", "corrId": "<id>"}');
  }
  return commandIn(parsed.data.cmd, parsed.data.corrId);
}

function commandIn(text: string, corrId?: string): InputLine {
  const withId = corrId !== undefined ? { corrId } : {};
  const parsed = parseCommand(text);
  if (parsed.ok === 'empty') return parsed;
  if (!parsed.ok) {
    return {
      ok: false,
      failure: new CliFailure(parsed.error.code, parsed.error.message),
      ...withId,
    };
  }
  return { ok: true, command: parsed.command, ...withId };
}

function refused(code: 'TOO_LARGE' | 'BAD_INPUT', message: string): InputLine {
  return { ok: false, failure: new CliFailure(code, message) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
