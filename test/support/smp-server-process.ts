// The SMP server as a child process, for tests and benchmarks: the CLI bundled from the current
// sources (as scripts/build.mjs bundles it), run with node, and waited on for its ready line.
import { spawnSync } from 'node:child_process';
import { bundleEntry, projectRoot } from './bundle-entry';
import { spawnUntilLine, type LineChild, type SpawnUntilLineOptions } from './spawn-until-line';

/** Bundles src/server/cli.ts once per process; resolves with the .cjs path. */
export function smpServerCli(): Promise<string> {
  return bundleEntry('src/server/cli.ts', 'smp-server-cli');
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI to completion (init, bad arguments, refused starts). */
export async function runSmpServerCli(args: readonly string[]): Promise<CliResult> {
  const r = spawnSync(process.execPath, [await smpServerCli(), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface ServerProcess {
  readonly child: LineChild;
  /** The `smp://` address from the ready line (with the bound port). */
  readonly address: string;
  readonly wsPort?: number | undefined;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Starts `cli start …` and resolves once it prints its "listening" line. */
export async function spawnSmpServer(
  args: readonly string[],
  options?: SpawnUntilLineOptions,
): Promise<ServerProcess> {
  const { child, exited, ready } = await spawnUntilLine(
    [await smpServerCli(), 'start', ...args],
    (line) => {
      const m = /^listening (smp:\/\/\S+)(?: ws=(\d+))?$/.exec(line);
      return m ? { address: m[1]!, ...(m[2] && { wsPort: Number(m[2]) }) } : undefined;
    },
    options,
  );
  return { child, exited, ...ready };
}
