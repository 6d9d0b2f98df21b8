// The command line of conclave-smp-server, parsed into a typed command. Every mistake is a
// CliUsageError that says what was wrong.
import { z } from 'zod';
import { isValidHost } from '../protocol/smp/address';
import { CliUsageError } from './errors';
import { LOG_LEVELS, type LogLevel } from './log';

export const USAGE = `usage:
  conclave-smp-server init  --data <dir> [--host <name>[,<name>...]] [--port <n>] [--ws-port <n>]
                            [--bind <address>] [--log-level <level>]
  conclave-smp-server start --data <dir> [--port <n>] [--ws-port <n>] [--bind <address>]
                            [--log-level <level>]

init   creates the server identity (an Ed25519 CA and server certificate), the config file and
       the store in <dir>, and prints the server address.
start  serves the data directory; prints "listening <address>" when ready (port 0: any free port).
levels: ${LOG_LEVELS.join(', ')}`;

export interface InitArgs {
  readonly command: 'init';
  readonly dataDir: string;
  readonly hosts: readonly string[];
  readonly port?: number | undefined;
  readonly wsPort?: number | undefined;
  readonly bindHost?: string | undefined;
  readonly logLevel?: LogLevel | undefined;
}

export interface StartArgs {
  readonly command: 'start';
  readonly dataDir: string;
  readonly port?: number | undefined;
  readonly wsPort?: number | undefined;
  readonly bindHost?: string | undefined;
  readonly logLevel?: LogLevel | undefined;
}

export type CliArgs = InitArgs | StartArgs | { readonly command: 'help' };

const FLAGS = {
  init: ['data', 'host', 'port', 'ws-port', 'bind', 'log-level'],
  start: ['data', 'port', 'ws-port', 'bind', 'log-level'],
} as const;

function flagValues(command: 'init' | 'start', args: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new CliUsageError(`unexpected argument '${arg}'`);
    const name = m[1]!;
    if (!(FLAGS[command] as readonly string[]).includes(name)) {
      throw new CliUsageError(`${command} has no option --${name}`);
    }
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '') throw new CliUsageError(`--${name} needs a value`);
    if (values.has(name)) throw new CliUsageError(`--${name} is given twice`);
    values.set(name, value);
  }
  return values;
}

function port(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = z.coerce.number().int().min(min).max(65535).safeParse(value);
  if (!/^\d+$/.test(value) || !n.success) {
    throw new CliUsageError(`--${name} must be a port number from ${min} to 65535, not '${value}'`);
  }
  return n.data;
}

function logLevel(value: string | undefined): LogLevel | undefined {
  if (value === undefined) return undefined;
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new CliUsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not '${value}'`);
  }
  return value as LogLevel;
}

function hosts(value: string | undefined): string[] {
  const list = (value ?? '127.0.0.1').split(',');
  for (const h of list) {
    if (!isValidHost(h))
      throw new CliUsageError(`--host: '${h}' is not a valid host name or address`);
  }
  return list;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { command: 'help' };
  }
  if (command !== 'init' && command !== 'start') {
    throw new CliUsageError(`unknown command '${command}' (expected init or start)`);
  }
  const v = flagValues(command, rest);
  const dataDir = v.get('data');
  if (!dataDir) throw new CliUsageError(`${command} needs --data <dir>`);
  const common = {
    dataDir,
    wsPort: port('ws-port', v.get('ws-port'), command === 'init' ? 1 : 0),
    bindHost: v.get('bind'),
    logLevel: logLevel(v.get('log-level')),
  };
  if (command === 'init') {
    return {
      command,
      ...common,
      hosts: hosts(v.get('host')),
      port: port('port', v.get('port'), 1),
    };
  }
  return { command, ...common, port: port('port', v.get('port'), 0) };
}
