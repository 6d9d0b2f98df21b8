import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/shared/security/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('content security policy', () => {
  it('allows only our own scripts, with no eval of any kind and no inline code', () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe|wasm|\*/);
  });

  it('adds exactly the browser host WebSocket to connect-src', () => {
    const d = directives(contentSecurityPolicy({ websocketOrigin: 'ws://127.0.0.1:5123' }));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5123']);
    expect(d.get('script-src')).toEqual(["'self'"]);
  });
});
