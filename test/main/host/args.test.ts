import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, defaultDataDir, parseHostArgs } from '../../../src/main/host/args';

describe('browser host arguments', () => {
  it('has defaults', () => {
    expect(parseHostArgs([])).toEqual({
      dataDir: defaultDataDir(),
      port: 0,
      engine: 'worker',
      smpServer: 'embedded',
      help: false,
    });
    expect(defaultDataDir()).toMatch(/\.conclave-web$/);
  });

  it('reads --data, --port and --engine in both spellings', () => {
    expect(parseHostArgs(['--data', 'x/y', '--port', '5123', '--engine=in-process'])).toEqual({
      dataDir: path.resolve('x/y'),
      port: 5123,
      engine: 'in-process',
      smpServer: 'embedded',
      help: false,
    });
    expect(parseHostArgs(['--data=/tmp/d', '--port=0']).dataDir).toBe('/tmp/d');
    expect(parseHostArgs(['-h']).help).toBe(true);
  });

  it('turns the embedded SMP server off, or uses a given server in its place', () => {
    expect(parseHostArgs(['--no-embedded-server']).smpServer).toBe('none');
    const address = 'smp://AAAA@127.0.0.1:5223';
    expect(parseHostArgs(['--smp-server', address]).smpServer).toEqual({ address });
    expect(parseHostArgs([`--smp-server=${address}`]).smpServer).toEqual({ address });
  });

  const bad: [string[], RegExp][] = [
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '-1'], /needs a value|whole number/],
    [['--port', '65536'], /--port must be/],
    [['--port', '1.5'], /--port must be/],
    [['--port'], /--port needs a value/],
    [['--data'], /--data needs a value/],
    [['--data', '--port', '1'], /--data needs a value/],
    [['--data='], /--data needs a value/],
    [['--engine', 'thread'], /--engine must be/],
    [['--smp-server', 'https://example.com'], /--smp-server must be an smp:\/\/ address/],
    [['--smp-server'], /--smp-server needs a value/],
    [['--no-embedded-server=yes'], /takes no value/],
    [['--no-embedded-server', '--smp-server', 'smp://A@h:1'], /at most one of/],
    [['--verbose'], /unknown argument '--verbose'/],
    [['stray'], /unknown argument 'stray'/],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${argv.join(' ')}`, () => {
      expect(() => parseHostArgs(argv)).toThrow(UsageError);
      expect(() => parseHostArgs(argv)).toThrow(message);
    });
  }
});
