// The SMP server as a child process, for tests and benchmarks: the CLI bundled from the current
// sources (as scripts/build.mjs bundles it), run with node, and waited on for its ready line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

let bundle: Promise<string> | undefined;

/** Bundles src/server/cli.ts once per process; resolves with the .cjs path. */
export function smpServerCli(): Promise<string> {
  bundle ??= (async () => {
    const outfile = path.join(
      root,
      'node_modules/.cache/conclave-test',
      `smp-server-cli-${process.pid}.cjs`,
    );
    await build({
      absWorkingDir: root,
      entryPoints: ['src/server/cli.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'sqlite3', 'zstd-napi'],
      logLevel: 'warning',
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    return outfile;
  })();
  return bundle;
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI to completion (init, bad arguments, refused starts). */
export async function runSmpServerCli(args: readonly string[]): Promise<CliResult> {
  const r = spawnSync(process.execPath, [await smpServerCli(), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The `smp://` address from the ready line (with the bound port). */
  readonly address: string;
  readonly wsPort?: number | undefined;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Starts `cli start …` and resolves once it prints its "listening" line. */
export async function spawnSmpServer(args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await smpServerCli(), 'start', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const ready = await new Promise<{ address: string; wsPort?: number }>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening (smp:\/\/\S+)(?: ws=(\d+))?$/.exec(line);
      if (m) resolve({ address: m[1]!, ...(m[2] && { wsPort: Number(m[2]) }) });
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening: ${stderr}`)),
    );
  });
  return { child, exited, ...ready };
}
