// Command-line arguments of the browser host (`npm run web -- --data <dir> --port <n>`).
import { homedir } from 'node:os';
import path from 'node:path';
import type { SmpServerChoice } from '../../server/embedded-runner';
import { SmpServerAddress } from '../../shared/models/servers';

export interface HostArgs {
  readonly dataDir: string;
  readonly port: number;
  readonly engine: 'worker' | 'in-process';
  /** The engine's default SMP server (see BrowserHostOptions.smpServer). */
  readonly smpServer: SmpServerChoice;
  readonly help: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: conclave-web [--data <dir>] [--port <n>] [--engine worker|in-process]
                   [--no-embedded-server | --smp-server <smp://…>]

  --data <dir>            where the engine keeps its database (default: ~/.conclave-web); the
                          embedded SMP server keeps its own in <dir>/smp-server
  --port <n>              port on 127.0.0.1 (default: any free port)
  --engine <mode>         run the engine in its own process (worker, default) or in this one
  --no-embedded-server    do not start the embedded SMP server (use the servers in settings)
  --smp-server <address>  use this running server in place of the embedded one`;

export function defaultDataDir(): string {
  return path.join(homedir(), '.conclave-web');
}

export function parseHostArgs(argv: readonly string[]): HostArgs {
  let dataDir = defaultDataDir();
  let port = 0;
  let engine: HostArgs['engine'] = 'worker';
  let smpServer: SmpServerChoice | undefined;
  let help = false;
  const chooseServer = (choice: SmpServerChoice) => {
    if (smpServer !== undefined) {
      throw new UsageError('give at most one of --no-embedded-server and --smp-server');
    }
    smpServer = choice;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--data':
        dataDir = path.resolve(value());
        break;
      case '--port': {
        const text = value();
        const n = Number(text);
        if (!/^\d+$/.test(text) || !Number.isInteger(n) || n > 65535) {
          throw new UsageError(`--port must be a whole number from 0 to 65535, not '${text}'`);
        }
        port = n;
        break;
      }
      case '--engine': {
        const mode = value();
        if (mode !== 'worker' && mode !== 'in-process') {
          throw new UsageError(`--engine must be 'worker' or 'in-process', not '${mode}'`);
        }
        engine = mode;
        break;
      }
      case '--no-embedded-server':
        if (eq > 0) throw new UsageError(`${flag} takes no value`);
        chooseServer('none');
        break;
      case '--smp-server': {
        const text = value();
        const address = SmpServerAddress.safeParse(text);
        if (!address.success) {
          throw new UsageError(`--smp-server must be an smp:// address, not '${text}'`);
        }
        chooseServer({ address: address.data });
        break;
      }
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new UsageError(`unknown argument '${arg}'`);
    }
  }
  return { dataDir, port, engine, smpServer: smpServer ?? 'embedded', help };
}
