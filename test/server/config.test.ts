import { describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../src/server/config';
import { DataDirError } from '../../src/server/errors';

describe('server config', () => {
  it('fills every default from the host names alone', () => {
    const c = parseServerConfig({ hosts: ['smp.example.com'] }, 'test');
    expect(c).toMatchObject({
      port: 5223,
      bindHost: '0.0.0.0',
      logLevel: 'info',
      quota: 128,
      messageTtlSeconds: 21 * 24 * 3600,
      limits: { maxInFlightCommands: 256, maxSubscriptions: 100_000 },
    });
    expect(c.wsPort).toBeUndefined();
  });

  it.each([
    [{}, 'hosts'],
    [{ hosts: [] }, 'hosts'],
    [{ hosts: ['bad host'] }, 'hosts.0'],
    [{ hosts: ['a'], port: 0 }, 'port'],
    [{ hosts: ['a'], port: 70000 }, 'port'],
    [{ hosts: ['a'], quota: 0 }, 'quota'],
    [{ hosts: ['a'], logLevel: 'loud' }, 'logLevel'],
    [{ hosts: ['a'], basicAuth: 'has space' }, 'basicAuth'],
    [{ hosts: ['a'], limits: { maxInFlightCommands: 0 } }, 'limits.maxInFlightCommands'],
    [{ hosts: ['a'], surprise: 1 }, '(top level)'],
  ])('refuses %j naming the field', (value, field) => {
    expect(() => parseServerConfig(value, 'server.json')).toThrow(DataDirError);
    expect(() => parseServerConfig(value, 'server.json')).toThrow(`server.json: ${field}:`);
  });
});
