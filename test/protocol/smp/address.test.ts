import { describe, expect, it } from 'vitest';
import {
  parseSmpServer,
  readSmpServer,
  sameSmpServer,
  serializeSmpServer,
  writeSmpServer,
} from '../../../src/protocol/smp/address';
import { DecodeError, Reader, encode, fromBase64url, toHex } from '../../../src/protocol/encoding';

describe('SMP server address', () => {
  it('round-trips the text form with several hosts, a port and a password', () => {
    const s = 'smp://LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=:secret@a.example,b.onion:5001';
    const server = parseSmpServer(s);
    expect(server.hosts).toEqual(['a.example', 'b.onion']);
    expect(server.port).toBe('5001');
    expect(server.basicAuth).toBe('secret');
    expect(server.keyHash).toEqual(fromBase64url('LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI='));
    expect(serializeSmpServer(server)).toBe(s);
  });

  it('accepts IPv6 hosts and no port', () => {
    const server = parseSmpServer('smp://AQID@[::1]');
    expect(server.hosts).toEqual(['[::1]']);
    expect(server.port).toBe('');
  });

  it('encodes the binary form as hosts, port and key hash', () => {
    const server = parseSmpServer('smp://AQID@h:5223');
    const bytes = encode((w) => writeSmpServer(w, server));
    expect(toHex(bytes)).toBe('01016804353232330301020' + '3');
    const back = readSmpServer(new Reader(bytes));
    expect(sameSmpServer(back, server)).toBe(true);
  });

  it.each([
    'http://AQID@h',
    'smp://h:5223',
    'smp://AQID@',
    'smp://AQID@bad host',
    'smp://AQID@h:99999',
    'smp://A!!@h',
    'smp://AQID@h/extra/path',
  ])('rejects %s with a DecodeError', (bad) => {
    expect(() => parseSmpServer(bad)).toThrow(DecodeError);
  });
});
