import { describe, expect, it } from 'vitest';
import {
  detectTransport,
  hostSocketUrl,
  NoTransportError,
  tokenFromHash,
} from '../../../src/renderer/api/detect';
import { FakeEngine } from '../support/fakeEngine';

describe('detectTransport', () => {
  it('reads the host token from the URL fragment', () => {
    expect(tokenFromHash('#token=abc%2B1')).toBe('abc+1');
    expect(tokenFromHash('#other=1&token=xyz')).toBe('xyz');
    expect(tokenFromHash('')).toBeUndefined();
    expect(tokenFromHash('#token=')).toBeUndefined();
  });

  it('builds the socket address on the page’s own host, with the token', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:4100' }, 'a b')).toBe(
      'ws://127.0.0.1:4100/ipc?token=a%20b',
    );
  });

  it('uses the preload bridge when there is one', async () => {
    const engine = new FakeEngine();
    const win = { conclave: engine.bridge, location: { hash: '' } } as unknown as Window;
    const transport = detectTransport(win);
    expect(await transport.call('settings.get', {})).toEqual({ ok: true, value: engine.settings });
    expect(engine.callsOf('settings.get')).toHaveLength(1);
  });

  it('refuses to start without a bridge or a token', () => {
    const win = {
      location: { hash: '', host: '127.0.0.1:1', protocol: 'http:' },
    } as unknown as Window;
    expect(() => detectTransport(win)).toThrow(NoTransportError);
  });
});
