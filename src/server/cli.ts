// conclave-smp-server: `init` sets up a data directory, `start` serves it. Prints one
// machine-readable line when ready ("listening <address> [ws=<port>]"), so a parent process can
// wait for it. Exit codes: 2 for a bad command line, 1 for any other failure.
import { cryptoReady } from '../protocol/crypto/sodium';
import { parseCliArgs, USAGE, type CliArgs } from './cli-args';
import { initDataDir } from './data-dir';
import { CliUsageError, DataDirError } from './errors';
import { startSmpServer } from './start';

async function run(args: CliArgs): Promise<void> {
  switch (args.command) {
    case 'help':
      console.log(USAGE);
      return;
    case 'init': {
      await cryptoReady();
      const result = await initDataDir(args.dataDir, {
        hosts: [...args.hosts],
        ...(args.port !== undefined && { port: args.port }),
        ...(args.wsPort !== undefined && { wsPort: args.wsPort }),
        ...(args.bindHost !== undefined && { bindHost: args.bindHost }),
        ...(args.logLevel !== undefined && { logLevel: args.logLevel }),
      });
      console.log(`fingerprint ${result.fingerprint}`);
      console.log(`address ${result.address}`);
      return;
    }
    case 'start': {
      const server = await startSmpServer({
        dataDir: args.dataDir,
        initialise: false,
        port: args.port,
        wsPort: args.wsPort,
        host: args.bindHost,
        logLevel: args.logLevel,
      });
      const stop = () => {
        server.stop().then(
          () => process.exit(0),
          (e: unknown) => fail(e),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      console.log(`listening ${server.address}${server.wsPort ? ` ws=${server.wsPort}` : ''}`);
      return;
    }
  }
}

function fail(e: unknown): never {
  if (e instanceof CliUsageError) {
    console.error(`error: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const message = e instanceof DataDirError || e instanceof Error ? e.message : String(e);
  console.error(`error: ${message}`);
  process.exit(1);
}

try {
  run(parseCliArgs(process.argv.slice(2))).catch(fail);
} catch (e) {
  fail(e);
}
