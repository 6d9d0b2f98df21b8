import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, decodeAll, encode, toHex } from '../../../../src/protocol/encoding';
import { cryptoReady, randomBytes } from '../../../../src/protocol/crypto';
import {
  formatShortLink,
  parseShortLink,
  readShortLink,
  restoreShortLink,
  shortenShortLink,
  writeShortLink,
  type ShortLink,
} from '../../../../src/protocol/agent';
import { server } from './fixtures';

beforeAll(cryptoReady);

const key = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY';

describe('short links', () => {
  it.each(['a', 'g', 'c', 'r'])(
    'round-trips contact links of type %s, in both schemes and binary',
    (t) => {
      for (const scheme of ['https', 'simplex'] as const) {
        const link = parseShortLink(
          formatShortLink({ ...parseShortLink(`https://h.example/${t}#${key}`), scheme }),
        );
        expect(parseShortLink(formatShortLink(link))).toEqual(link);
        const back = decodeAll(
          encode((w) => writeShortLink(w, link)),
          readShortLink,
        );
        expect(back).toEqual({ ...link, scheme: 'https' });
      }
    },
  );

  it('accepts upper-case contact type letters and a slash before #', () => {
    expect(parseShortLink(`https://h.example/G/#${key}`)).toMatchObject({
      mode: 'contact',
      type: 'group',
    });
  });

  it('encodes contact links with the type letter and invitations with the link ID', () => {
    const link: ShortLink = {
      mode: 'contact',
      scheme: 'https',
      type: 'relay',
      server,
      linkKey: new Uint8Array(32),
    };
    expect(toHex(encode((w) => writeShortLink(w, link)).subarray(0, 3))).toBe('435202');
    const inv: ShortLink = {
      mode: 'invitation',
      scheme: 'simplex',
      server,
      linkId: randomBytes(24),
      linkKey: randomBytes(32),
    };
    expect(
      decodeAll(
        encode((w) => writeShortLink(w, inv)),
        readShortLink,
      ),
    ).toEqual({ ...inv, scheme: 'https' });
  });

  it('shortens only links to preset servers and restores them', () => {
    const full: ShortLink = {
      mode: 'contact',
      scheme: 'https',
      type: 'contact',
      server,
      linkKey: new Uint8Array(32),
    };
    const short = shortenShortLink(full, [server]);
    expect(short.server).toEqual({
      hosts: [server.hosts[0]],
      port: '',
      keyHash: new Uint8Array(0),
    });
    expect(restoreShortLink(short, [server])).toEqual(full);
    // 5223 and 443 match a preset written without a port.
    expect(shortenShortLink(full, [{ ...server, port: '' }]).server.hosts).toHaveLength(1);
    expect(
      shortenShortLink({ ...full, server: { ...server, port: '443' } }, [{ ...server, port: '' }])
        .server.port,
    ).toBe('');
    // Other port, other fingerprint or unknown host: kept as is.
    expect(shortenShortLink({ ...full, server: { ...server, port: '7000' } }, [server])).toEqual({
      ...full,
      server: { ...server, port: '7000' },
    });
    expect(shortenShortLink(full, [{ ...server, keyHash: new Uint8Array(32) }])).toEqual(full);
    expect(shortenShortLink(full, [{ ...server, hosts: ['other.example'] }])).toEqual(full);
    expect(restoreShortLink(short, [{ ...server, hosts: ['other.example'] }])).toEqual(short);
  });

  it('rejects malformed links with a DecodeError', () => {
    const id = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3';
    for (const bad of [
      `simplex:/a#${key}`, // no server at all
      `https://h.example/x#${key}`, // unknown type
      `https://h.example/I#${id}/${key}`, // invitations are lower-case only
      `https://h.example/i#${key}`, // no link ID
      `https://h.example/a#${id}/${key}`, // a link ID on a contact link
      `https://h.example/a#${id}`, // 24-byte key
      `https://h.example/a#${key}?p=99999`,
      `https://h.example/a#${key}?h=bad%20host`,
      `https://h.example/a#${key}?c=%%%`,
      `ftp://h.example/a#${key}`,
    ]) {
      expect(() => parseShortLink(bad), bad).toThrow(DecodeError);
    }
    const bytes = encode((w) => writeShortLink(w, parseShortLink(`https://h.example/a#${key}`)));
    expect(() => decodeAll(Uint8Array.of(0x43, 0x5a, ...bytes.subarray(2)), readShortLink)).toThrow(
      DecodeError,
    );
  });
});
