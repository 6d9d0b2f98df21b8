import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, encodeSpki } from '../../../src/protocol/crypto';
import {
  DecodeError,
  EncodeError,
  concatBytes,
  fromHex,
  latin1,
  toHex,
} from '../../../src/protocol/encoding';
import {
  decodeCommand,
  encodeCommand,
  type Command,
  type NewQueue,
} from '../../../src/protocol/smp';
import { expectOnlyErrors, mutations } from '../../support/mutate';

beforeAll(cryptoReady);

const ascii = (s: string) => latin1(s);
const bytes = (n: number, from = 1) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const ed = encodeSpki('ed25519', bytes(32, 10));
const x = encodeSpki('x25519', bytes(32, 50));
const x448 = encodeSpki('x448', bytes(56, 90));
const link = { fixedData: bytes(300, 7), userData: bytes(13, 3) };

function roundTrip(version: number, c: Command): Uint8Array {
  const encoded = encodeCommand(version, c);
  expect(decodeCommand(version, encoded)).toEqual({ ok: true, value: c });
  return encoded;
}

function newQueue(extra: Partial<NewQueue> = {}): Command {
  return {
    type: 'NEW',
    rcvAuthKey: ed,
    rcvDhKey: x,
    basicAuth: undefined,
    subscribe: true,
    queueRequest: undefined,
    ntfCreds: undefined,
    ...extra,
  };
}

const ALL_VERSIONS = [6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18];

describe('commands without version differences', () => {
  const commands: Command[] = [
    { type: 'SUB' },
    { type: 'LDEL' },
    { type: 'GET' },
    { type: 'OFF' },
    { type: 'DEL' },
    { type: 'QUE' },
    { type: 'PING' },
    { type: 'LGET' },
    { type: 'KEY', senderKey: ed },
    { type: 'SKEY', senderKey: x },
    { type: 'LKEY', senderKey: encodeSpki('ed448', bytes(57)) },
    { type: 'LSET', linkId: bytes(24), data: link },
    { type: 'ACK', msgId: bytes(24) },
    { type: 'ACK', msgId: new Uint8Array(0) },
    { type: 'SEND', notification: true, body: new Uint8Array(0) },
    { type: 'SEND', notification: false, body: bytes(16048) },
  ];

  it.each(ALL_VERSIONS)('round-trip at v%i', (v) => {
    for (const c of commands) roundTrip(v, c);
  });

  it('keeps spaces and any bytes inside a SEND body', () => {
    const body = ascii('a b  c \x00\xff');
    expect(toHex(roundTrip(18, { type: 'SEND', notification: false, body }))).toBe(
      toHex(concatBytes(ascii('SEND F '), body)),
    );
  });

  it('skips reserved message flag bytes up to the space', () => {
    expect(decodeCommand(18, ascii('SEND Tabc body'))).toEqual({
      ok: true,
      value: { type: 'SEND', notification: true, body: ascii('body') },
    });
  });
});

describe('NEW by version', () => {
  it('v6-8: optional A-prefixed basic auth, then the subscription mode', () => {
    const withAuth = newQueue({ basicAuth: 'pass', subscribe: false });
    for (const v of [6, 7, 8]) {
      const encoded = roundTrip(v, withAuth);
      expect(toHex(encoded.subarray(-7))).toBe(toHex(ascii('A\x04passC')));
      expect(toHex(roundTrip(v, newQueue()).subarray(-1))).toBe(toHex(ascii('S')));
    }
  });

  it('v9-14: Maybe basic auth, mode, Bool sender-can-secure', () => {
    for (const v of [9, 14]) {
      const messaging = newQueue({ basicAuth: 'pw', queueRequest: { mode: 'messaging' } });
      expect(toHex(roundTrip(v, messaging).subarray(-6))).toBe(toHex(ascii('1\x02pwST')));
      const contact = newQueue({ queueRequest: { mode: 'contact' } });
      expect(toHex(roundTrip(v, contact).subarray(-3))).toBe(toHex(ascii('0SF')));
      // No request means "cannot secure", which reads back as a contact queue.
      const plain = encodeCommand(v, newQueue());
      expect(plain).toEqual(encodeCommand(v, contact));
    }
  });

  it('v15-16: Maybe QueueReqData with link data', () => {
    const messagingLink = newQueue({
      queueRequest: { mode: 'messaging', link: { senderId: bytes(24, 40), data: link } },
    });
    const contactLink = newQueue({
      queueRequest: {
        mode: 'contact',
        link: { linkId: bytes(24, 80), senderId: bytes(24, 40), data: link },
      },
    });
    for (const v of [15, 16]) {
      roundTrip(v, newQueue());
      roundTrip(v, newQueue({ queueRequest: { mode: 'contact', link: undefined } }));
      const m = roundTrip(v, messagingLink);
      const c = roundTrip(v, contactLink);
      // The contact form adds the link id (shortString of 24 bytes).
      expect(c.length - m.length).toBe(25);
    }
  });

  it('v17+: Maybe notifier credentials', () => {
    const ntf = newQueue({
      queueRequest: { mode: 'messaging', link: undefined },
      ntfCreds: { notifierKey: ed, rcvNtfDhKey: x },
    });
    for (const v of [17, 18]) {
      roundTrip(v, ntf);
      expect(toHex(roundTrip(v, newQueue()).subarray(-3))).toBe(toHex(ascii('S00')));
    }
  });

  it('refuses fields the version cannot carry', () => {
    const linked = newQueue({
      queueRequest: { mode: 'messaging', link: { senderId: bytes(24), data: link } },
    });
    expect(() => encodeCommand(14, linked)).toThrow(EncodeError);
    expect(() => encodeCommand(8, newQueue({ queueRequest: { mode: 'messaging' } }))).toThrow(
      EncodeError,
    );
    expect(() =>
      encodeCommand(16, newQueue({ ntfCreds: { notifierKey: ed, rcvNtfDhKey: x } })),
    ).toThrow(EncodeError);
    expect(() => encodeCommand(18, newQueue({ basicAuth: 'a@b' }))).toThrow(EncodeError);
    expect(() => encodeCommand(18, newQueue({ rcvDhKey: ed }))).toThrow(EncodeError);
    expect(() => encodeCommand(18, newQueue({ rcvAuthKey: x448 }))).toThrow(EncodeError);
  });
});

describe('parse results', () => {
  it.each(['OK', 'IDS', 'FOO', '', 'ping', 'SEN'])('%j is an unknown command', (tag) => {
    expect(decodeCommand(18, ascii(tag))).toEqual({ ok: false, error: 'UNKNOWN', tag });
  });

  it.each(['RKEY', 'NKEY', 'NDEL', 'NSUB', 'SUBS', 'NSUBS', 'PRXY', 'PFWD', 'RFWD'])(
    '%s is recognised and unsupported',
    (tag) => {
      expect(decodeCommand(18, ascii(`${tag} whatever`))).toEqual({
        ok: false,
        error: 'UNSUPPORTED',
        tag,
      });
    },
  );
});

describe('malformed parameters are DecodeError (ERR CMD SYNTAX)', () => {
  const newV18 = encodeCommand(18, newQueue());
  const cases: [string, Uint8Array][] = [
    ['parameterless with a space', ascii('SUB ')],
    ['parameterless with a parameter', ascii('PING x')],
    ['ACK without a space', ascii('ACK')],
    ['ACK truncated', concatBytes(ascii('ACK '), Uint8Array.of(24), bytes(3))],
    ['ACK with trailing bytes', concatBytes(ascii('ACK '), Uint8Array.of(1, 7, 8))],
    ['KEY with a non-key', concatBytes(ascii('KEY '), Uint8Array.of(3, 1, 2, 3))],
    ['SKEY with an X448 key', concatBytes(ascii('SKEY '), Uint8Array.of(x448.length), x448)],
    ['SEND without flags', ascii('SEND ')],
    ['SEND with a bad flag', ascii('SEND X body')],
    ['SEND without the body separator', ascii('SEND T')],
    ['SEND with two spaces', ascii('SEND  T body')],
    ['LSET truncated', concatBytes(ascii('LSET '), Uint8Array.of(1, 9), fromHex('0005aa'))],
    ['NEW truncated', newV18.subarray(0, newV18.length - 1)],
    ['NEW with trailing bytes', concatBytes(newV18, ascii('0'))],
    ['NEW with a bad mode', concatBytes(newV18.subarray(0, newV18.length - 3), ascii('X00'))],
    ['NEW with a bad Maybe tag', concatBytes(newV18.subarray(0, newV18.length - 1), ascii('2'))],
    [
      'NEW with a DH key that is Ed25519',
      concatBytes(ascii('NEW '), Uint8Array.of(44), ed, Uint8Array.of(44), ed, ascii('0S00')),
    ],
    [
      'NEW with bad basic auth',
      concatBytes(ascii('NEW '), Uint8Array.of(44), ed, Uint8Array.of(44), x, ascii('1\x03a/bS00')),
    ],
  ];

  it.each(cases)('%s', (_name, input) => {
    expect(() => decodeCommand(18, input)).toThrow(DecodeError);
  });

  it('NEW v15 must not carry the v17 field', () => {
    const v17 = encodeCommand(17, newQueue());
    expect(() => decodeCommand(15, v17)).toThrow(DecodeError);
  });

  it('never throws anything but DecodeError on mutated input', () => {
    const valid = [
      encodeCommand(
        18,
        newQueue({ basicAuth: 'pw', ntfCreds: { notifierKey: ed, rcvNtfDhKey: x } }),
      ),
      encodeCommand(
        16,
        newQueue({
          queueRequest: {
            mode: 'contact',
            link: { linkId: bytes(24), senderId: bytes(24), data: link },
          },
        }),
      ),
      encodeCommand(8, newQueue({ basicAuth: 'pw' })),
      encodeCommand(18, { type: 'LSET', linkId: bytes(24), data: link }),
      encodeCommand(18, { type: 'ACK', msgId: bytes(24) }),
      encodeCommand(18, { type: 'SKEY', senderKey: ed }),
      encodeCommand(18, { type: 'SEND', notification: true, body: bytes(30) }),
    ];
    for (const v of [6, 9, 15, 18]) {
      expectOnlyErrors(mutations(valid, 4000), (b) => decodeCommand(v, b), [DecodeError]);
    }
  });
});
