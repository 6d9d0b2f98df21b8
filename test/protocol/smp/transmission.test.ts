import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  EncodeError,
  concatBytes,
  latin1,
  toHex,
} from '../../../src/protocol/encoding';
import {
  authorizationFromBytes,
  authorizedBytes,
  decodeTransmission,
  encodeTransmission,
  type Transmission,
} from '../../../src/protocol/smp';
import { expectOnlyErrors, mutations } from '../../support/mutate';

const bytes = (n: number, from = 1) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const sessionId = bytes(32, 100);
const corrId = bytes(24, 1);
const entityId = bytes(24, 50);
const command = latin1('SEND F hi');
const sig = { type: 'ed25519' as const, signature: bytes(64, 3) };

describe('transmissions', () => {
  it('v7+: the session id is implied, and authorized bytes start with it', () => {
    const params = { version: 7, sessionId };
    const t: Transmission = { authorization: sig, corrId, entityId, command };
    const encoded = encodeTransmission(params, t);
    expect(toHex(encoded)).toBe(
      toHex(
        concatBytes(
          Uint8Array.of(64),
          sig.signature,
          Uint8Array.of(24),
          corrId,
          Uint8Array.of(24),
          entityId,
          command,
        ),
      ),
    );
    const decoded = decodeTransmission(params, encoded);
    expect(decoded).toMatchObject({
      authorization: sig,
      corrId,
      entityId,
      command,
      sameSession: true,
    });
    expect(decoded.serviceSignature).toBeUndefined();
    expect(decoded.authorized).toEqual(authorizedBytes(sessionId, corrId, entityId, command));
    expect(toHex(decoded.authorized)).toBe(
      toHex(concatBytes(Uint8Array.of(32), sessionId, encoded.subarray(65))),
    );
  });

  it('v6: the session id is sent and checked', () => {
    const params = { version: 6, sessionId };
    const encoded = encodeTransmission(params, { authorization: sig, corrId, entityId, command });
    expect(encoded.subarray(65, 98)).toEqual(concatBytes(Uint8Array.of(32), sessionId));
    const decoded = decodeTransmission(params, encoded);
    expect(decoded.sameSession).toBe(true);
    expect(decoded.authorized).toEqual(authorizedBytes(sessionId, corrId, entityId, command));
    const other = decodeTransmission({ version: 6, sessionId: bytes(32, 7) }, encoded);
    expect(other.sameSession).toBe(false);
  });

  it('v16+: a Maybe service signature follows a non-empty authorization only', () => {
    const params = { version: 16, sessionId };
    const withAuth = encodeTransmission(params, { authorization: sig, corrId, entityId, command });
    expect(withAuth[65]).toBe(0x30); // '0': no service signature
    expect(decodeTransmission(params, withAuth).authorization).toEqual(sig);
    const noAuth = encodeTransmission(params, { corrId, entityId, command });
    expect(noAuth[0]).toBe(0);
    expect(noAuth[1]).toBe(24);
    const serviceSignature = bytes(64, 9);
    const service = encodeTransmission(params, {
      authorization: sig,
      serviceSignature,
      corrId,
      entityId,
      command,
    });
    expect(decodeTransmission(params, service).serviceSignature).toEqual(serviceSignature);
    // v15 has no such byte: there the '0' reads as a 48-byte corrId, which is not there.
    expect(() => decodeTransmission({ version: 15, sessionId }, withAuth)).toThrow(DecodeError);
  });

  it('a service signature needs an authorization and v16', () => {
    const serviceSignature = bytes(64);
    expect(() =>
      encodeTransmission(
        { version: 18, sessionId },
        { serviceSignature, corrId, entityId, command },
      ),
    ).toThrow(EncodeError);
    expect(() =>
      encodeTransmission(
        { version: 15, sessionId },
        { authorization: sig, serviceSignature, corrId, entityId, command },
      ),
    ).toThrow(EncodeError);
  });

  it('authorizations are told apart by length', () => {
    expect(authorizationFromBytes(new Uint8Array(0))).toBeUndefined();
    expect(authorizationFromBytes(bytes(64))).toEqual({ type: 'ed25519', signature: bytes(64) });
    expect(authorizationFromBytes(bytes(80))).toEqual({
      type: 'authenticator',
      authenticator: bytes(80),
    });
    expect(authorizationFromBytes(bytes(114))).toEqual({ type: 'ed448', signature: bytes(114) });
    for (const n of [1, 63, 65, 79, 81, 113, 255]) {
      expect(() => authorizationFromBytes(bytes(n))).toThrow(DecodeError);
    }
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['auth length past the end', Uint8Array.of(64, 1, 2)],
    ['bad auth length', concatBytes(Uint8Array.of(5), bytes(5), Uint8Array.of(0, 0))],
    ['no corrId', Uint8Array.of(0)],
    ['truncated entity', Uint8Array.of(0, 0, 5, 1)],
    [
      'bad service Maybe',
      concatBytes(Uint8Array.of(64), bytes(64), latin1('2'), Uint8Array.of(0, 0)),
    ],
    [
      'short service signature',
      concatBytes(Uint8Array.of(64), bytes(64), latin1('1'), Uint8Array.of(3, 1, 2, 3, 0, 0)),
    ],
  ])('%s is a DecodeError', (_name, input) => {
    expect(() => decodeTransmission({ version: 18, sessionId }, input)).toThrow(DecodeError);
  });

  it('v6 needs the session id field', () => {
    expect(() => decodeTransmission({ version: 6, sessionId }, Uint8Array.of(0, 40))).toThrow(
      DecodeError,
    );
  });
});

describe('hostile input', () => {
  it('transmission parsing throws only DecodeError', () => {
    const valid = [6, 7, 16].flatMap((version) => [
      encodeTransmission({ version, sessionId }, { authorization: sig, corrId, entityId, command }),
      encodeTransmission({ version, sessionId }, { corrId, entityId: new Uint8Array(0), command }),
    ]);
    for (const version of [6, 7, 16]) {
      expectOnlyErrors(
        mutations(valid, 3000),
        (b) => decodeTransmission({ version, sessionId }, b),
        [DecodeError],
      );
    }
  });
});
