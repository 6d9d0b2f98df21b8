import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgsError, parseCliArgs } from '../../src/cli/args';

const A = 'smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=@127.0.0.1:5223';
const B = 'smp://BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=@smp.example.org';

function refused(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ArgsError);
    return (e as ArgsError).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('conclave arguments', () => {
  it('defaults to ~/.conclave-cli, text output and the saved servers', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      dataDir: path.join(homedir(), '.conclave-cli'),
      servers: [],
      json: false,
      logLevel: 'error',
    });
  });

  it('takes every option, in both forms, servers repeated or comma-separated', () => {
    expect(
      parseCliArgs([
        '--data',
        'rel/dir',
        '--server',
        `${A}, ${B}`,
        '-s',
        A,
        '--json',
        '--log-level=warn',
      ]),
    ).toEqual({
      kind: 'run',
      dataDir: path.resolve('rel/dir'),
      servers: [A, B],
      json: true,
      logLevel: 'warn',
    });
    expect(parseCliArgs(['-d', '/x', `--server=${B}`])).toMatchObject({
      dataDir: '/x',
      servers: [B],
    });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCliArgs(['--json', '--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });

  it('refuses what it does not know, saying what was wrong', () => {
    expect(refused(['--frob'])).toMatch(/^unknown option '--frob'/);
    expect(refused(['--data'])).toMatch(/--data <value>' argument missing/);
    expect(refused(['--data', ' '])).toBe('--data needs a directory');
    expect(refused(['--json=yes'])).toMatch(/does not take an argument/);
    expect(refused(['chat'])).toMatch(/unexpected argument 'chat'/);
    expect(refused(['--log-level', 'loud'])).toMatch(/--log-level must be one of debug, info/);
    expect(refused(['--server', 'example.org'])).toMatch(
      /^--server 'example.org': an SMP server address starts with smp:\/\//,
    );
    expect(refused(['--server', 'smp://nothing-here'])).toMatch(/not a valid SMP server address/);
    expect(refused(['--server', `${A},`])).toMatch(/^--server an empty address/);
  });
});
