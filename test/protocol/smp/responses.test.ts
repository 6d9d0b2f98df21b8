import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, encodeSpki } from '../../../src/protocol/crypto';
import {
  DecodeError,
  EncodeError,
  concatBytes,
  fromLatin1,
  latin1,
  toHex,
} from '../../../src/protocol/encoding';
import {
  decodeResponse,
  encodeResponse,
  type QueueIds,
  type Response,
} from '../../../src/protocol/smp';
import { expectOnlyErrors, mutations } from '../../support/mutate';

beforeAll(cryptoReady);

const ascii = (s: string) => latin1(s);
const bytes = (n: number, from = 1) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const x = encodeSpki('x25519', bytes(32, 50));

function roundTrip(version: number, r: Response): Uint8Array {
  const encoded = encodeResponse(version, r);
  expect(decodeResponse(version, encoded)).toEqual({ ok: true, value: r });
  return encoded;
}

const ALL_VERSIONS = [6, 7, 9, 10, 11, 12, 15, 16, 17, 18];

describe('responses without version differences', () => {
  const responses: Response[] = [
    { type: 'OK' },
    { type: 'PONG' },
    { type: 'END' },
    { type: 'MSG', msgId: bytes(24), body: bytes(16122) },
    { type: 'MSG', msgId: bytes(24), body: ascii('with spaces and more') },
    { type: 'LNK', senderId: bytes(24), data: { fixedData: bytes(2048), userData: bytes(13824) } },
    { type: 'ERR', error: { type: 'AUTH' } },
    { type: 'ERR', error: { type: 'CMD', cmdErr: 'NO_ENTITY' } },
    { type: 'ERR', error: { type: 'STORE', message: 'oops' } },
    { type: 'INFO', info: { qiSnd: true, qiNtf: false, qiSize: 3 } },
    {
      type: 'INFO',
      info: {
        qiSnd: false,
        qiNtf: false,
        qiSub: { qSubThread: 'subThread', qDelivered: 'abc=' },
        qiSize: 1,
        qiMsg: { msgId: 'AQID', msgTs: '2025-01-01T00:00:00Z', msgType: 'quota' },
      },
    },
  ];

  it.each(ALL_VERSIONS)('round-trip at v%i', (v) => {
    for (const r of responses) roundTrip(v, r);
  });

  it('INFO is JSON after the tag', () => {
    const encoded = encodeResponse(18, {
      type: 'INFO',
      info: { qiSnd: true, qiNtf: false, qiSize: 0 },
    });
    expect(fromLatin1(encoded)).toBe('INFO {"qiSnd":true,"qiNtf":false,"qiSize":0}');
  });

  it('MSG is the msgId then the body to the end', () => {
    const encoded = encodeResponse(18, { type: 'MSG', msgId: bytes(2), body: ascii('xy') });
    expect(toHex(encoded)).toBe(
      toHex(concatBytes(ascii('MSG '), Uint8Array.of(2, 1, 2), ascii('xy'))),
    );
  });
});

describe('version differences', () => {
  const ids: QueueIds = {
    recipientId: bytes(24, 1),
    senderId: bytes(24, 30),
    serverDhKey: x,
    queueMode: 'messaging',
    linkId: bytes(24, 60),
    serviceId: bytes(24, 90),
    serverNtfCreds: { notifierId: bytes(24, 120), serverNtfDhKey: x },
  };
  const base = { recipientId: ids.recipientId, senderId: ids.senderId, serverDhKey: x };

  it('IDS carries what each version knows', () => {
    const read = (v: number) => {
      const r = decodeResponse(v, encodeResponse(v, { type: 'IDS', ...ids }));
      return r.ok ? r.value : undefined;
    };
    expect(read(8)).toEqual({ type: 'IDS', ...base });
    expect(read(9)).toEqual({ type: 'IDS', ...base, queueMode: 'messaging' });
    expect(read(14)).toEqual({ type: 'IDS', ...base, queueMode: 'messaging' });
    expect(read(15)).toEqual({ type: 'IDS', ...base, queueMode: 'messaging', linkId: ids.linkId });
    expect(read(16)).toEqual({
      type: 'IDS',
      ...base,
      queueMode: 'messaging',
      linkId: ids.linkId,
      serviceId: ids.serviceId,
    });
    expect(read(17)).toEqual({ type: 'IDS', ...ids });
    expect(read(18)).toEqual({ type: 'IDS', ...ids });
    // v9-14: a contact queue (or no mode) is "sender cannot secure".
    roundTrip(12, { type: 'IDS', ...base, queueMode: 'contact' });
    roundTrip(18, {
      type: 'IDS',
      ...base,
      queueMode: undefined,
      linkId: undefined,
      serviceId: undefined,
      serverNtfCreds: undefined,
    });
  });

  it('SOK from v16, OK before', () => {
    roundTrip(16, { type: 'SOK', serviceId: undefined });
    roundTrip(18, { type: 'SOK', serviceId: bytes(24) });
    expect(fromLatin1(encodeResponse(16, { type: 'SOK' }))).toBe('SOK 0');
    expect(fromLatin1(encodeResponse(15, { type: 'SOK', serviceId: bytes(3) }))).toBe('OK');
  });

  it('DELD from v10, END before', () => {
    roundTrip(10, { type: 'DELD' });
    expect(fromLatin1(encodeResponse(9, { type: 'DELD' }))).toBe('END');
  });

  it('BLOCKED from v12 (AUTH before), its notice from v18', () => {
    const blocked: Response = {
      type: 'ERR',
      error: { type: 'BLOCKED', info: { reason: 'content', notice: { ttl: 60 } } },
    };
    expect(fromLatin1(encodeResponse(11, blocked))).toBe('ERR AUTH');
    expect(fromLatin1(encodeResponse(17, blocked))).toBe('ERR BLOCKED reason=content');
    expect(fromLatin1(encodeResponse(18, blocked))).toBe(
      'ERR BLOCKED reason=content,notice={"ttl":60}',
    );
    roundTrip(18, blocked);
  });
});

describe('parse results and bad input', () => {
  it.each(['PING', 'SEND', 'XYZ', ''])('%j is an unknown response', (tag) => {
    expect(decodeResponse(18, ascii(tag))).toEqual({ ok: false, error: 'UNKNOWN', tag });
  });

  it.each(['NID', 'NMSG', 'PKEY', 'RRES', 'PRES', 'SOKS', 'ENDS'])('%s is unsupported', (tag) => {
    expect(decodeResponse(18, ascii(`${tag} 1`))).toEqual({ ok: false, error: 'UNSUPPORTED', tag });
  });

  const idsV18 = encodeResponse(18, {
    type: 'IDS',
    recipientId: bytes(24),
    senderId: bytes(24),
    serverDhKey: x,
  });
  it.each([
    ['OK with a space', ascii('OK ')],
    ['PONG with bytes', ascii('PONG 1')],
    ['ERR without error', ascii('ERR')],
    ['ERR with an unknown error', ascii('ERR WHAT')],
    ['IDS truncated', idsV18.subarray(0, idsV18.length - 2)],
    ['IDS with trailing bytes', concatBytes(idsV18, ascii('0'))],
    [
      'IDS with a non-X25519 server key',
      concatBytes(ascii('IDS '), Uint8Array.of(1, 1, 1, 2, 3, 3, 1, 2, 3)),
    ],
    ['SOK with a bad Maybe', ascii('SOK 2')],
    ['MSG without id', ascii('MSG ')],
    ['LNK truncated', concatBytes(ascii('LNK '), Uint8Array.of(1, 1, 0, 9))],
    ['INFO that is not JSON', ascii('INFO {')],
    ['INFO of the wrong shape', ascii('INFO {"qiSnd":1}')],
    ['INFO with bad UTF-8', concatBytes(ascii('INFO '), Uint8Array.of(0xff))],
  ])('%s is a DecodeError', (_name, input) => {
    expect(() => decodeResponse(18, input)).toThrow(DecodeError);
  });

  it('IDS of another version does not parse', () => {
    expect(() => decodeResponse(15, idsV18)).toThrow(DecodeError);
    expect(() =>
      decodeResponse(
        18,
        encodeResponse(9, {
          type: 'IDS',
          recipientId: bytes(1),
          senderId: bytes(1),
          serverDhKey: x,
        }),
      ),
    ).toThrow(DecodeError);
  });

  it('invalid INFO cannot be encoded', () => {
    const info = { qiSnd: true, qiNtf: false, qiSize: 1.5 };
    expect(() => encodeResponse(18, { type: 'INFO', info })).toThrow(EncodeError);
  });
});

describe('hostile input', () => {
  it('response parsing throws only DecodeError', () => {
    const valid = [
      encodeResponse(18, {
        type: 'IDS',
        recipientId: bytes(24),
        senderId: bytes(24),
        serverDhKey: x,
        queueMode: 'contact',
        linkId: bytes(24),
        serviceId: bytes(24),
        serverNtfCreds: { notifierId: bytes(24), serverNtfDhKey: x },
      }),
      encodeResponse(18, {
        type: 'LNK',
        senderId: bytes(24),
        data: { fixedData: bytes(40), userData: bytes(20) },
      }),
      encodeResponse(18, { type: 'SOK', serviceId: bytes(24) }),
      encodeResponse(18, {
        type: 'INFO',
        info: {
          qiSnd: true,
          qiNtf: false,
          qiSize: 2,
          qiMsg: { msgId: 'AA', msgTs: 't', msgType: 'message' },
        },
      }),
      encodeResponse(18, {
        type: 'ERR',
        error: {
          type: 'PROXY',
          proxyErr: {
            type: 'BROKER',
            brokerErr: {
              type: 'TRANSPORT',
              transportErr: { type: 'HANDSHAKE', handshakeErr: 'PARSE' },
            },
          },
        },
      }),
      encodeResponse(18, {
        type: 'ERR',
        error: { type: 'BLOCKED', info: { reason: 'spam', notice: { ttl: 5 } } },
      }),
    ];
    for (const v of [9, 15, 16, 18]) {
      expectOnlyErrors(mutations(valid, 3000), (b) => decodeResponse(v, b), [DecodeError]);
    }
  });
});
