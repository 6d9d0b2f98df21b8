// A Node script as a child process that is ready once it prints a certain line: servers that print
// their address, hosts that print the URL to open. Waits for the line, never for time to pass.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { projectRoot } from './bundle-entry';

export type LineChild = ChildProcessByStdio<null, Readable, Readable>;

export interface ReadyProcess<T> {
  readonly child: LineChild;
  /** What `ready` returned for the ready line. */
  readonly ready: T;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

export interface SpawnUntilLineOptions {
  /** Called with the child as soon as it is spawned (to kill it if the test ends first). */
  readonly spawned?: (child: LineChild) => void;
}

/**
 * Runs `node …args` from the project root and resolves once `ready` returns a value for a line of
 * its stdout; rejects with what it wrote to stderr if it exits first.
 */
export async function spawnUntilLine<T>(
  args: readonly string[],
  ready: (line: string) => T | undefined,
  options: SpawnUntilLineOptions = {},
): Promise<ReadyProcess<T>> {
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.spawned?.(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const value = await new Promise<T>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const found = ready(line);
      if (found !== undefined) resolve(found);
    });
    void exited.then((code) =>
      reject(new Error(`${args.join(' ')} exited (${code}) before its ready line: ${stderr}`)),
    );
  });
  return { child, ready: value, exited };
}
