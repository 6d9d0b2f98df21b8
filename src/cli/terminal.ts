// Where the lines go and where commands come from. On a TTY (human mode) the input is a readline
// prompt, and output that arrives while someone types is printed above their line, which is then
// drawn again as it was. Otherwise both are plain streams.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface Terminal {
  /** Each line of input; `close` once the input ended (or close() was called). */
  readonly lines: readline.Interface;
  print(lines: readonly string[]): void;
  /** Stops reading; the lines' `close` listeners run. */
  close(): void;
}

export interface TerminalOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** A person at a TTY: prompt and redraw. */
  readonly interactive: boolean;
}

export function writeLines(output: Writable, lines: readonly string[]): void {
  if (lines.length > 0) output.write(lines.map((l) => `${l}\n`).join(''));
}

export function openTerminal({ input, output, interactive }: TerminalOptions): Terminal {
  const lines = readline.createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    prompt: '',
    crlfDelay: Infinity,
  });
  let closed = false;
  lines.once('close', () => (closed = true));
  if (interactive) lines.prompt();

  return {
    lines,
    print(text) {
      if (text.length === 0) return;
      if (!interactive || closed) return writeLines(output, text);
      readline.cursorTo(output, 0);
      readline.clearLine(output, 0);
      writeLines(output, text);
      lines.prompt(true);
    },
    close() {
      if (!closed) lines.close();
    },
  };
}
