import { describe, expect, it } from 'vitest';
import { smpServerFromArgs } from '../../../src/main/app/launch-args';

describe('launch arguments', () => {
  it('runs the embedded SMP server unless told otherwise', () => {
    expect(smpServerFromArgs([])).toBe('embedded');
    expect(smpServerFromArgs(['/opt/Conclave/conclave', '--enable-logging'])).toBe('embedded');
  });

  it('turns it off with --no-embedded-server, or uses a given server', () => {
    expect(smpServerFromArgs(['.', '--no-embedded-server'])).toBe('none');
    const address = 'smp://AAAA@127.0.0.1:5223';
    expect(smpServerFromArgs(['.', `--smp-server=${address}`])).toEqual({ address });
    expect(smpServerFromArgs(['--smp-server=https://example.com'])).toBe('embedded');
  });
});
