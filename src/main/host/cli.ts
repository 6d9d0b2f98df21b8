// `npm run web`: the browser host with a real engine; prints the address to open.
import { USAGE, UsageError, parseHostArgs } from './args';
import type { SmpServerChoice } from '../../server/embedded-runner';
import { HostSetupError, startBrowserHost, type BrowserHost } from './server';

function describeSmpServer(choice: SmpServerChoice, host: BrowserHost): string {
  if (choice === 'none') return 'none (--no-embedded-server): the servers in settings only';
  if (choice !== 'embedded') return choice.address;
  if (host.embeddedServer) return `${host.embeddedServer.address} (embedded)`;
  return `not running: ${host.embeddedServerFailure?.message ?? 'it did not start'}`;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`conclave-web: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  let host;
  try {
    host = await startBrowserHost({
      dataDir: args.dataDir,
      port: args.port,
      engine: args.engine,
      smpServer: args.smpServer,
    });
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    console.error(`conclave-web: could not start: ${message}`);
    return 1;
  }

  console.log('Conclave browser host');
  console.log(`  data: ${args.dataDir}`);
  console.log(`  smp server: ${describeSmpServer(args.smpServer, host)}`);
  console.log(`  open: ${host.url}`);
  console.log('Press Ctrl+C to stop.');

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('Stopping…');
  await host.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof HostSetupError ? e.message : e);
    process.exit(1);
  },
);
