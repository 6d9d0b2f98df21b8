// `conclave` as a real child process for the integration tests: bundled from the current sources
// exactly as scripts/build.mjs bundles dist/cli/conclave.cjs (so a stale dist/ can never be what
// is tested), spawned with node, driven through stdin, and read as JSON lines from stdout.
// Tests wait for the lines they expect, never for time to pass.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import { bundleEntry, projectRoot, removeBundle } from '../support/bundle-entry';

/** Bundles src/cli/main.ts once per test process; resolves with the .cjs path. */
export function conclaveBundle(): Promise<string> {
  return bundleEntry('src/cli/main.ts', 'conclave');
}

/** Removes this process's bundle (call once its processes have exited). */
export function removeConclaveBundle(): Promise<void> {
  return removeBundle('conclave');
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs conclave to completion with `input` on stdin. */
export async function runConclave(args: readonly string[], input = ''): Promise<RunResult> {
  const r = spawnSync(process.execPath, [await conclaveBundle(), ...args], {
    cwd: projectRoot,
    input,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One line of `conclave --json` output; the tests check the fields they use. */
export interface Line {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A running `conclave --json`, with every line it printed and a way to wait for more. */
export class ConclaveProcess {
  readonly lines: Line[] = [];
  /** Output lines that were not a JSON object with a string `type` (there should be none). */
  readonly malformed: string[] = [];
  private stderr = '';
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    readline.createInterface({ input: child.stdout }).on('line', (text) => this.take(text));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        this.wake();
        resolve(code);
      }),
    );
  }

  /** Starts `conclave --json …args` and waits for its ready line. */
  static async start(args: readonly string[]): Promise<ConclaveProcess> {
    const child = spawn(process.execPath, [await conclaveBundle(), '--json', ...args], {
      cwd: projectRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const p = new ConclaveProcess(child);
    await p.until((l) => l.type === 'ready');
    return p;
  }

  /** Writes one line to stdin. */
  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /**
   * Sends a command and resolves with its answer: commands run in order, so it is the first
   * response or error after the answers printed so far.
   */
  async command(line: string): Promise<Line> {
    const before = this.answers().length;
    this.send(line);
    await this.waitFor(() => this.answers().length > before);
    return this.answers()[before]!;
  }

  /** The first line (printed already or still to come) that passes `test`. */
  async until(test: (line: Line) => boolean): Promise<Line> {
    await this.waitFor(() => this.lines.some(test));
    return this.lines.find(test)!;
  }

  /** The first event `name` whose payload passes `test`. */
  async event(name: string, test: (payload: never) => boolean = () => true): Promise<unknown> {
    const line = await this.until(
      (l) => l.type === 'event' && l.event === name && test(l.payload as never),
    );
    return line.payload;
  }

  /** Closes stdin (the end of the commands) and resolves with the exit status. */
  end(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  /** Everything it printed, for the report of a failed test. */
  transcript(): string {
    const out = this.lines.map((l) => JSON.stringify(l).slice(0, 300)).join('\n');
    return `stdout:\n${out}\n${this.malformed.join('\n')}\nstderr:\n${this.stderr}`;
  }

  /** Sends `signal` and resolves with the exit status. */
  signal(signal: NodeJS.Signals): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }

  private answers(): Line[] {
    return this.lines.filter((l) => l.type === 'response' || l.type === 'error');
  }

  private async waitFor(condition: () => boolean): Promise<void> {
    while (!condition()) {
      if (this.exitCode !== undefined) {
        throw new Error(`conclave exited (${this.exitCode}) first; stderr:\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  private take(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const isLine =
      typeof parsed === 'object' && parsed !== null && typeof (parsed as Line).type === 'string';
    if (isLine) this.lines.push(parsed as Line);
    else this.malformed.push(text);
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
    this.waiters.clear();
  }
}
