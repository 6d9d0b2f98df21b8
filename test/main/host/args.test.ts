import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, defaultDataDir, parseHostArgs } from '../../../src/main/host/args';

describe('browser host arguments', () => {
  it('has defaults', () => {
    expect(parseHostArgs([])).toEqual({
      dataDir: defaultDataDir(),
      port: 0,
      engine: 'worker',
      help: false,
    });
    expect(defaultDataDir()).toMatch(/\.conclave-web$/);
  });

  it('reads --data, --port and --engine in both spellings', () => {
    expect(parseHostArgs(['--data', 'x/y', '--port', '5123', '--engine=in-process'])).toEqual({
      dataDir: path.resolve('x/y'),
      port: 5123,
      engine: 'in-process',
      help: false,
    });
    expect(parseHostArgs(['--data=/tmp/d', '--port=0']).dataDir).toBe('/tmp/d');
    expect(parseHostArgs(['-h']).help).toBe(true);
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
