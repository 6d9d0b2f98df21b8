import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/server/cli-args';
import { CliUsageError } from '../../src/server/errors';

describe('conclave-smp-server arguments', () => {
  it('parses init with all its options, in both flag forms', () => {
    expect(
      parseCliArgs([
        'init',
        '--data',
        '/d',
        '--host=a.example,10.0.0.1',
        '--port',
        '443',
        '--ws-port=8443',
        '--bind',
        '127.0.0.1',
        '--log-level',
        'debug',
      ]),
    ).toEqual({
      command: 'init',
      dataDir: '/d',
      hosts: ['a.example', '10.0.0.1'],
      port: 443,
      wsPort: 8443,
      bindHost: '127.0.0.1',
      logLevel: 'debug',
    });
    expect(parseCliArgs(['init', '--data', '/d'])).toMatchObject({
      hosts: ['127.0.0.1'],
      port: undefined,
    });
  });

  it('parses start, where port 0 means any free port', () => {
    expect(parseCliArgs(['start', '--data', '/d', '--port', '0'])).toMatchObject({
      command: 'start',
      dataDir: '/d',
      port: 0,
    });
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['serve'], /unknown command 'serve'/],
    [['start'], /needs --data/],
    [['start', '--data'], /--data needs a value/],
    [['start', '--data', '/d', '--port', '-1'], /--port must be a port number/],
    [['start', '--data', '/d', '--port', '1e3'], /--port must be a port number/],
    [['init', '--data', '/d', '--port', '0'], /from 1 to 65535/],
    [['start', '--data', '/d', '--host', 'x'], /start has no option --host/],
    [['init', '--data', '/d', '--host', 'a b'], /not a valid host/],
    [['start', '--data', '/d', '--log-level', 'loud'], /--log-level must be one of/],
    [['start', '--data', '/d', '--data', '/e'], /given twice/],
    [['start', 'extra'], /unexpected argument 'extra'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
