import { describe, expect, it } from 'vitest';
import { DecodeError, EncodeError, fromLatin1, latin1 } from '../../../src/protocol/encoding';
import {
  COMMAND_ERROR_CODES,
  decodeSmpError,
  encodeSmpError,
  type SmpError,
} from '../../../src/protocol/smp';
import { expectOnlyErrors, mutations } from '../../support/mutate';

const text = (e: SmpError) => fromLatin1(encodeSmpError(e));

function roundTrip(e: SmpError, wire: string): void {
  expect(text(e)).toBe(wire);
  expect(decodeSmpError(latin1(wire))).toEqual(e);
}

describe('ERR error types', () => {
  it.each([
    'BLOCK',
    'SESSION',
    'AUTH',
    'SERVICE',
    'CRYPTO',
    'QUOTA',
    'NO_MSG',
    'LARGE_MSG',
    'EXPIRED',
    'INTERNAL',
  ] as const)('%s', (type) => roundTrip({ type }, type));

  it.each(COMMAND_ERROR_CODES)('CMD %s', (cmdErr) =>
    roundTrip({ type: 'CMD', cmdErr }, `CMD ${cmdErr}`),
  );

  it('reads the old CMD NO_QUEUE as NO_ENTITY', () => {
    expect(decodeSmpError(latin1('CMD NO_QUEUE'))).toEqual({ type: 'CMD', cmdErr: 'NO_ENTITY' });
  });

  it('STORE carries free text to the end', () => {
    roundTrip({ type: 'STORE', message: 'disk full: no space' }, 'STORE disk full: no space');
    roundTrip({ type: 'STORE', message: '' }, 'STORE ');
    expect(decodeSmpError(Uint8Array.of(...latin1('STORE '), 0xc3, 0xa9))).toEqual({
      type: 'STORE',
      message: 'é',
    });
  });

  it('BLOCKED with a reason and an optional notice', () => {
    roundTrip({ type: 'BLOCKED', info: { reason: 'spam' } }, 'BLOCKED reason=spam');
    roundTrip(
      { type: 'BLOCKED', info: { reason: 'content', notice: { ttl: 3600 } } },
      'BLOCKED reason=content,notice={"ttl":3600}',
    );
    roundTrip(
      { type: 'BLOCKED', info: { reason: 'spam', notice: {} } },
      'BLOCKED reason=spam,notice={}',
    );
    expect(decodeSmpError(latin1('BLOCKED reason=spam,notice={"ttl":null,"x":1}'))).toEqual({
      type: 'BLOCKED',
      info: { reason: 'spam', notice: {} },
    });
  });

  it('PROXY errors, nested', () => {
    roundTrip({ type: 'PROXY', proxyErr: { type: 'BASIC_AUTH' } }, 'PROXY BASIC_AUTH');
    roundTrip({ type: 'PROXY', proxyErr: { type: 'NO_SESSION' } }, 'PROXY NO_SESSION');
    roundTrip(
      {
        type: 'PROXY',
        proxyErr: { type: 'PROTOCOL', protocolErr: { type: 'CMD', cmdErr: 'SYNTAX' } },
      },
      'PROXY PROTOCOL CMD SYNTAX',
    );
    roundTrip(
      {
        type: 'PROXY',
        proxyErr: { type: 'PROTOCOL', protocolErr: { type: 'BLOCKED', info: { reason: 'spam' } } },
      },
      'PROXY PROTOCOL BLOCKED reason=spam',
    );
    for (const type of ['TIMEOUT', 'HOST', 'NO_SERVICE'] as const) {
      roundTrip(
        { type: 'PROXY', proxyErr: { type: 'BROKER', brokerErr: { type } } },
        `PROXY BROKER ${type}`,
      );
    }
    roundTrip(
      {
        type: 'PROXY',
        proxyErr: { type: 'BROKER', brokerErr: { type: 'RESPONSE', message: 'bad x' } },
      },
      'PROXY BROKER RESPONSE \x05bad x',
    );
    roundTrip(
      {
        type: 'PROXY',
        proxyErr: { type: 'BROKER', brokerErr: { type: 'UNEXPECTED', message: '' } },
      },
      'PROXY BROKER UNEXPECTED \x00',
    );
    for (const [wire, transportErr] of [
      ['BLOCK', { type: 'BLOCK' }],
      ['VERSION', { type: 'VERSION' }],
      ['LARGE_MSG', { type: 'LARGE_MSG' }],
      ['SESSION', { type: 'SESSION' }],
      ['NO_AUTH', { type: 'NO_AUTH' }],
      ['HANDSHAKE PARSE', { type: 'HANDSHAKE', handshakeErr: 'PARSE' }],
      ['HANDSHAKE IDENTITY', { type: 'HANDSHAKE', handshakeErr: 'IDENTITY' }],
      ['HANDSHAKE BAD_AUTH', { type: 'HANDSHAKE', handshakeErr: 'BAD_AUTH' }],
      ['HANDSHAKE BAD_SERVICE', { type: 'HANDSHAKE', handshakeErr: 'BAD_SERVICE' }],
    ] as const) {
      roundTrip(
        {
          type: 'PROXY',
          proxyErr: { type: 'BROKER', brokerErr: { type: 'TRANSPORT', transportErr } },
        },
        `PROXY BROKER TRANSPORT ${wire}`,
      );
    }
  });

  it('PROXY BROKER NETWORK: sent bare, read with or without detail', () => {
    const failed: SmpError = {
      type: 'PROXY',
      proxyErr: { type: 'BROKER', brokerErr: { type: 'NETWORK', networkErr: { type: 'FAILED' } } },
    };
    roundTrip(failed, 'PROXY BROKER NETWORK');
    const network = (wire: string) => decodeSmpError(latin1(`PROXY BROKER NETWORK ${wire}`));
    expect(network('TIMEOUT')).toEqual({
      type: 'PROXY',
      proxyErr: { type: 'BROKER', brokerErr: { type: 'NETWORK', networkErr: { type: 'TIMEOUT' } } },
    });
    expect(network('UNKNOWNCA')).toMatchObject({
      proxyErr: { brokerErr: { networkErr: { type: 'UNKNOWNCA' } } },
    });
    expect(network('CONNECT \x07refused')).toMatchObject({
      proxyErr: { brokerErr: { networkErr: { type: 'CONNECT', message: 'refused' } } },
    });
    expect(network('TLS \x01x')).toMatchObject({
      proxyErr: { brokerErr: { networkErr: { type: 'TLS', message: 'x' } } },
    });
    expect(network('SUBSCRIBE \x00')).toMatchObject({
      proxyErr: { brokerErr: { networkErr: { type: 'SUBSCRIBE', message: '' } } },
    });
  });

  it('refuses error text that is not latin-1', () => {
    expect(() =>
      encodeSmpError({
        type: 'PROXY',
        proxyErr: { type: 'BROKER', brokerErr: { type: 'RESPONSE', message: '€' } },
      }),
    ).toThrow(EncodeError);
  });

  it.each([
    '',
    'AUTH ',
    'AUTHX',
    'auth',
    'CMD',
    'CMD ',
    'CMD FOO',
    'CMD SYNTAX ',
    'STORE',
    'DUPLICATE_',
    'BLOCKED',
    'BLOCKED reason=',
    'BLOCKED reason=ads',
    'BLOCKED reason=spamx',
    'BLOCKED reason=spam,notice=',
    'BLOCKED reason=spam,notice={"ttl":"x"}',
    'BLOCKED reason=spam,notice=[1]',
    'PROXY',
    'PROXY FOO',
    'PROXY PROTOCOL',
    'PROXY BROKER',
    'PROXY BROKER RESPONSE',
    'PROXY BROKER RESPONSE \x05ab',
    'PROXY BROKER TRANSPORT HANDSHAKE',
    'PROXY BROKER TRANSPORT HANDSHAKE FOO',
    'PROXY BROKER NETWORK FOO',
    'PROXY BROKER NETWORK ',
  ])('%j is a DecodeError', (wire) => {
    expect(() => decodeSmpError(latin1(wire))).toThrow(DecodeError);
  });
});

describe('hostile input', () => {
  it('error parsing throws only DecodeError', () => {
    const valid = [
      'PROXY BROKER TRANSPORT HANDSHAKE BAD_SERVICE',
      'PROXY BROKER NETWORK CONNECT \x03abc',
      'PROXY PROTOCOL STORE x y',
      'BLOCKED reason=content,notice={"ttl":1}',
      'CMD NO_ENTITY',
    ].map((s) => latin1(s));
    expectOnlyErrors(mutations(valid, 5000), decodeSmpError, [DecodeError]);
  });
});
