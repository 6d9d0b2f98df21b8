// The command line of `conclave`, checked in full before anything starts: unknown options,
// missing values and malformed server addresses are an ArgsError that says what was wrong.
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseSmpServer } from '../protocol/smp/address';
import { SmpServerAddress } from '../shared/models/servers';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type CliLogLevel = (typeof LOG_LEVELS)[number];

export const USAGE = `usage: conclave [--data <dir>] [--server <smp address>]... [--json] [--log-level <level>]
       conclave --help | --version

  -d, --data <dir>        where the profile, contacts and messages are kept
                          (default: ~/.conclave-cli; created if missing)
  -s, --server <address>  an SMP server for new connections, smp://<fingerprint>@<host>[:<port>];
                          repeat it or separate addresses with commas. The servers are tested,
                          saved in the data directory and used from then on; without --server,
                          the servers saved before are used.
      --json              read one command per line on stdin, print one JSON object per line
      --log-level <level> engine log lines on stderr: ${LOG_LEVELS.join(', ')} (default: error)
  -h, --help              show this help
  -v, --version           show the version

Type /help in conclave for its commands.`;

/** A bad command line; main prints the message with the usage and exits with status 2. */
export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

export type CliArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'run';
      readonly dataDir: string;
      /** Empty: keep the servers the data directory has. */
      readonly servers: readonly string[];
      readonly json: boolean;
      readonly logLevel: CliLogLevel;
    };

/** An address that reads as smp://… and that the protocol layer can parse. */
const ServerAddress = SmpServerAddress.refine((address) => {
  try {
    parseSmpServer(address);
    return true;
  } catch {
    return false;
  }
}, 'not a valid SMP server address (smp://<fingerprint>@<host>[:<port>])');

const RawOptions = z.strictObject({
  data: z.string().trim().min(1, '--data needs a directory').optional(),
  server: z.array(z.string()).default([]),
  json: z.boolean().default(false),
  'log-level': z
    .enum(LOG_LEVELS, { error: `--log-level must be one of ${LOG_LEVELS.join(', ')}` })
    .default('error'),
  help: z.boolean().default(false),
  version: z.boolean().default(false),
});

export function defaultDataDir(): string {
  return path.join(homedir(), '.conclave-cli');
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const values = tokenize(argv);
  const parsed = RawOptions.safeParse(values);
  if (!parsed.success) throw new ArgsError(parsed.error.issues[0]?.message ?? 'bad arguments');
  const options = parsed.data;
  if (options.help) return { kind: 'help' };
  if (options.version) return { kind: 'version' };
  return {
    kind: 'run',
    dataDir: path.resolve(options.data ?? defaultDataDir()),
    servers: serverList(options.server),
    json: options.json,
    logLevel: options['log-level'],
  };
}

/** Node's own parser for the shape (flags, values, repeats); zod checks the values after. */
function tokenize(argv: readonly string[]): Record<string, unknown> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        data: { type: 'string', short: 'd' },
        server: { type: 'string', short: 's', multiple: true },
        json: { type: 'boolean' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    const [extra] = positionals;
    if (extra !== undefined) {
      throw new ArgsError(`unexpected argument '${extra}' (commands are typed once conclave runs)`);
    }
    return values;
  } catch (e) {
    if (e instanceof ArgsError) throw e;
    // parseArgs says which option was unknown or lacked its value; keep its first sentence.
    const first = e instanceof Error ? (e.message.split('. ')[0] ?? '') : '';
    throw new ArgsError(first ? first[0]!.toLowerCase() + first.slice(1) : 'bad arguments');
  }
}

/** Every --server value, split at commas, checked, without repeats, in the order given. */
function serverList(values: readonly string[]): string[] {
  const addresses = values.flatMap((v) => v.split(',')).map((a) => a.trim());
  for (const address of addresses) {
    const checked = ServerAddress.safeParse(address);
    if (!checked.success) {
      const shown = address === '' ? 'an empty address' : `'${address.slice(0, 200)}'`;
      throw new ArgsError(`--server ${shown}: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    }
  }
  return [...new Set(addresses)];
}
