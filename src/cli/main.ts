#!/usr/bin/env node
// `conclave`: the terminal client. The same engine as the app, in this process, driven by
// SimpleX-style commands (/help lists them) in text for people or, with --json, one JSON object
// per line (./README.md). Exit status: 0 after an orderly stop (end of input, /q, SIGINT,
// SIGTERM), 2 for a bad command line, 1 when the engine could not start or --server was refused.
import { ArgsError, USAGE, parseCliArgs, type CliArgs } from './args';
import { runCli } from './runner';
import { cliVersion } from './version';

async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`conclave: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  switch (args.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`conclave ${cliVersion()}\n`);
      return 0;
    case 'run':
      return runCli({
        ...args,
        version: cliVersion(),
        input: process.stdin,
        output: process.stdout,
        interactive: !args.json && process.stdin.isTTY && process.stdout.isTTY,
      });
  }
}

/** Exits once stdout has taken everything written (a pipe may still be draining). */
function exit(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

main(process.argv.slice(2)).then(exit, (e: unknown) => {
  process.stderr.write(`conclave: ${e instanceof Error ? e.message : String(e)}\n`);
  exit(1);
});
