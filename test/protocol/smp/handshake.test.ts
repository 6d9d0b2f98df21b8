import { beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  encodeSpki,
  sha256,
  x25519Dh,
  x25519KeyPair,
} from '../../../src/protocol/crypto';
import {
  DecodeError,
  EncodeError,
  concatBytes,
  latin1,
  toHex,
} from '../../../src/protocol/encoding';
import {
  SmpTransportError,
  blockCodecFor,
  checkClientHello,
  chooseVersion,
  decodeClientHello,
  decodeServerHello,
  encodeClientHello,
  encodeServerHello,
  encodeSignedKey,
  padBlock,
  signedSessionKey,
  unpadBlock,
  verifyServerHello,
  versionRange,
  type ClientHello,
  type ServerHello,
  type TransportError,
} from '../../../src/protocol/smp';
import { expectOnlyErrors, mutations } from '../../support/mutate';
import { ed25519SigningKey, ed448SigningKey, makeChain } from './certificates';

beforeAll(cryptoReady);

const bytes = (n: number, from = 1) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const sessionId = bytes(32, 77);

function serverSetup(chainLength = 2) {
  const leaf = ed25519SigningKey();
  const { chain } = makeChain(chainLength, leaf);
  const session = x25519KeyPair();
  const hello: ServerHello = {
    versionRange: versionRange(6, 18),
    sessionId,
    auth: signedSessionKey(chain, leaf.privateKey, session.publicKey),
  };
  return { chain, session, hello, keyHash: sha256(chain[1]!) };
}

function failure(f: () => unknown): TransportError {
  try {
    f();
  } catch (e) {
    if (e instanceof SmpTransportError) return e.error;
    throw e;
  }
  throw new Error('expected a transport error');
}

describe('server hello', () => {
  it('round-trips through a padded block', () => {
    const { hello } = serverSetup(3);
    const block = encodeServerHello(hello);
    expect(block.length).toBe(16384);
    expect(decodeServerHello(block)).toEqual(hello);
    const payload = unpadBlock(block);
    expect(toHex(payload.subarray(0, 5))).toBe('0006001220');
    // The chain: a count byte, then each certificate as Large.
    expect(payload[37]).toBe(3);
  });

  it('ignores unknown trailing bytes (later versions append fields)', () => {
    const { hello } = serverSetup();
    const block = padBlock(
      concatBytes(unpadBlock(encodeServerHello(hello)), latin1('1\x00\x02{}')),
    );
    expect(decodeServerHello(block)).toEqual(hello);
  });

  it('a v6-only server sends no key', () => {
    const legacy: ServerHello = { versionRange: versionRange(6, 6), sessionId, auth: undefined };
    expect(decodeServerHello(encodeServerHello(legacy))).toEqual(legacy);
    expect(() =>
      encodeServerHello({ ...serverSetup().hello, versionRange: versionRange(6, 6) }),
    ).toThrow(EncodeError);
  });

  it.each([
    ['too short', padBlock(Uint8Array.of(0, 6))],
    ['inverted range', padBlock(Uint8Array.of(0, 9, 0, 6, 0))],
    ['truncated session id', padBlock(Uint8Array.of(0, 6, 0, 18, 32, 1))],
    ['empty chain', padBlock(Uint8Array.of(0, 6, 0, 18, 0, 0, 0, 0))],
    ['truncated certificate', padBlock(Uint8Array.of(0, 6, 0, 18, 0, 1, 0, 9, 1))],
  ])('%s is a DecodeError', (_name, block) => {
    expect(() => decodeServerHello(block)).toThrow(DecodeError);
  });

  it('a block of the wrong size is a DecodeError', () => {
    expect(() => decodeServerHello(new Uint8Array(100))).toThrow(DecodeError);
  });
});

describe('verifying the server hello (client)', () => {
  it.each([2, 3, 4])('accepts a %i-certificate chain and returns the session key', (n) => {
    const { hello, session, keyHash, chain } = serverSetup(n);
    const key = verifyServerHello(decodeServerHello(encodeServerHello(hello)), {
      keyHash,
      sessionId,
      tlsChain: chain,
    });
    expect(key).toEqual(session.publicKey);
  });

  it('accepts an Ed448 leaf (older servers)', () => {
    const leaf = ed448SigningKey();
    const { chain } = makeChain(2, leaf);
    const session = x25519KeyPair();
    const spki = encodeSpki('x25519', session.publicKey);
    // We never sign with Ed448, so the SignedExact is built by hand here.
    const ed448Signed = concatBytes(
      Uint8Array.of(0x30, 0x81, 44 + 7 + 117),
      spki,
      Uint8Array.of(0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71),
      Uint8Array.of(0x03, 0x73, 0x00),
      leaf.sign(spki),
    );
    const hello: ServerHello = {
      versionRange: versionRange(6, 18),
      sessionId,
      auth: { certChain: chain, signedKey: ed448Signed },
    };
    expect(verifyServerHello(hello, { keyHash: sha256(chain[1]!), sessionId })).toEqual(
      session.publicKey,
    );
  });

  it('rejects another TLS session', () => {
    const { hello, keyHash } = serverSetup();
    expect(failure(() => verifyServerHello(hello, { keyHash, sessionId: bytes(32, 1) }))).toEqual({
      type: 'SESSION',
    });
  });

  it('rejects a hello without a key, a bad chain length, another identity', () => {
    const { hello, keyHash, chain } = serverSetup(4);
    const badAuth = { type: 'HANDSHAKE', handshakeErr: 'BAD_AUTH' };
    expect(
      failure(() => verifyServerHello({ ...hello, auth: undefined }, { keyHash, sessionId })),
    ).toEqual(badAuth);
    for (const certChain of [chain.slice(0, 1), [...chain, chain[3]!]]) {
      const bad = { ...hello, auth: { ...hello.auth!, certChain } };
      expect(failure(() => verifyServerHello(bad, { keyHash, sessionId }))).toEqual(badAuth);
    }
    expect(
      failure(() => verifyServerHello(hello, { keyHash: sha256(chain[0]!), sessionId })),
    ).toEqual(badAuth);
    expect(
      failure(() => verifyServerHello(hello, { keyHash, sessionId, tlsChain: chain.slice(0, 3) })),
    ).toEqual(badAuth);
    const otherTls = [...chain];
    otherTls[0] = makeChain(2).chain[0]!;
    expect(
      failure(() => verifyServerHello(hello, { keyHash, sessionId, tlsChain: otherTls })),
    ).toEqual(badAuth);
  });

  it('rejects a key not signed by the leaf, or not an X25519 key', () => {
    const { hello, keyHash } = serverSetup();
    const stranger = ed25519SigningKey();
    const forged = signedSessionKey(
      hello.auth!.certChain,
      stranger.privateKey,
      x25519KeyPair().publicKey,
    );
    const e = failure(() => verifyServerHello({ ...hello, auth: forged }, { keyHash, sessionId }));
    expect(e).toEqual({ type: 'HANDSHAKE', handshakeErr: 'BAD_AUTH' });
    // The leaf signs something that is not an X25519 key.
    const leaf = ed25519SigningKey();
    const { chain } = makeChain(2, leaf);
    const notX = { certChain: chain, signedKey: encodeSignedKey(leaf.spki, leaf.privateKey) };
    expect(
      failure(() =>
        verifyServerHello({ ...hello, auth: notX }, { keyHash: sha256(chain[1]!), sessionId }),
      ),
    ).toEqual({
      type: 'HANDSHAKE',
      handshakeErr: 'BAD_AUTH',
    });
  });

  it('turns malformed certificates and keys into BAD_AUTH with a reason', () => {
    const { hello, keyHash } = serverSetup();
    const garbled = { ...hello, auth: { ...hello.auth!, signedKey: bytes(10) } };
    expect(() => verifyServerHello(garbled, { keyHash, sessionId })).toThrow(/signed key/);
    const badLeaf = {
      ...hello,
      auth: { ...hello.auth!, certChain: [bytes(5), hello.auth!.certChain[1]!] },
    };
    expect(failure(() => verifyServerHello(badLeaf, { keyHash, sessionId }))).toEqual({
      type: 'HANDSHAKE',
      handshakeErr: 'BAD_AUTH',
    });
  });
});

describe('client hello', () => {
  const keyHash = bytes(32, 1);
  const clientKey = bytes(32, 9); // any 32 bytes encode as an X25519 key

  it('grows field by field with the version', () => {
    const lengths = [6, 7, 14, 16].map(
      (version) =>
        unpadBlock(encodeClientHello({ version, keyHash, clientKey, proxyServer: false })).length,
    );
    // v6: version + keyHash; v7: + X25519 SPKI; v14: + proxy flag; v16: + Maybe service.
    expect(lengths).toEqual([35, 80, 81, 82]);
  });

  it.each([6, 7, 11, 14, 16, 18])('round-trips at v%i', (version) => {
    const hello: ClientHello = {
      version,
      keyHash,
      clientKey: version >= 7 ? clientKey : undefined,
      proxyServer: version >= 14,
      service: undefined,
    };
    expect(decodeClientHello(encodeClientHello(hello))).toEqual(hello);
  });

  it('the v7+ key may be absent (it has no Maybe tag)', () => {
    const hello: ClientHello = {
      version: 18,
      keyHash,
      clientKey: undefined,
      proxyServer: true,
      service: undefined,
    };
    const block = encodeClientHello(hello);
    expect(toHex(unpadBlock(block).subarray(-2))).toBe(toHex(latin1('T0')));
    expect(decodeClientHello(block)).toEqual(hello);
  });

  it('parses a service certificate (v16+), which we never send', () => {
    const { hello: server } = serverSetup();
    const hello: ClientHello = {
      version: 16,
      keyHash,
      clientKey,
      proxyServer: false,
      service: { role: 'notifier', certKey: server.auth! },
    };
    expect(decodeClientHello(encodeClientHello(hello))).toEqual(hello);
    expect(() => encodeClientHello({ ...hello, version: 15 })).toThrow(EncodeError);
  });

  it('ignores trailing bytes', () => {
    const payload = unpadBlock(
      encodeClientHello({ version: 18, keyHash, clientKey, proxyServer: false }),
    );
    expect(decodeClientHello(padBlock(concatBytes(payload, bytes(20)))).clientKey).toEqual(
      clientKey,
    );
  });

  it.each([
    ['no version', padBlock(Uint8Array.of(0))],
    ['truncated key hash', padBlock(Uint8Array.of(0, 18, 32, 1, 2))],
    ['bad proxy flag', padBlock(Uint8Array.of(0, 18, 0, 0x58))],
    ['bad service Maybe', padBlock(Uint8Array.of(0, 18, 0, 0x46, 0x32))],
    ['bad service role', padBlock(Uint8Array.of(0, 18, 0, 0x46, 0x31, 0x58))],
  ])('%s is a DecodeError', (_name, block) => {
    expect(() => decodeClientHello(block)).toThrow(DecodeError);
  });
});

describe('negotiation and the server side', () => {
  it('chooses the highest common version', () => {
    expect(chooseVersion(versionRange(6, 20), versionRange(6, 18))).toBe(18);
    expect(chooseVersion(versionRange(6, 12), versionRange(6, 18))).toBe(12);
    expect(failure(() => chooseVersion(versionRange(6, 6), versionRange(7, 18)))).toEqual({
      type: 'VERSION',
    });
  });

  it('the server checks the identity and the version', () => {
    const server = { keyHash: bytes(32, 1), versionRange: versionRange(6, 18) };
    const hello: ClientHello = { version: 18, keyHash: bytes(32, 1), proxyServer: false };
    expect(checkClientHello(hello, server)).toBe(hello);
    expect(failure(() => checkClientHello({ ...hello, keyHash: bytes(32, 2) }, server))).toEqual({
      type: 'HANDSHAKE',
      handshakeErr: 'IDENTITY',
    });
    expect(failure(() => checkClientHello({ ...hello, version: 19 }, server))).toEqual({
      type: 'VERSION',
    });
  });

  it('both sides reach the same block cipher after the handshake', () => {
    const { hello, session, keyHash } = serverSetup();
    const client = x25519KeyPair();
    const serverKey = verifyServerHello(hello, { keyHash, sessionId });
    const version = chooseVersion(hello.versionRange, versionRange(6, 18));
    const clientHello = decodeClientHello(
      encodeClientHello({ version, keyHash, clientKey: client.publicKey, proxyServer: false }),
    );
    const clientSide = blockCodecFor({
      role: 'client',
      version,
      sessionId,
      dhSecret: x25519Dh(serverKey, client.privateKey),
      proxyServer: false,
    });
    const serverSide = blockCodecFor({
      role: 'server',
      version: clientHello.version,
      sessionId,
      dhSecret: x25519Dh(clientHello.clientKey!, session.privateKey),
      proxyServer: clientHello.proxyServer,
    });
    expect(serverSide.decode(clientSide.encode(latin1('PING')))).toEqual(latin1('PING'));
  });
});

describe('hostile input', () => {
  it('hello parsing throws only DecodeError, verification only SmpTransportError', () => {
    const { hello, keyHash } = serverSetup(3);
    const server = unpadBlock(encodeServerHello(hello));
    const client = unpadBlock(
      encodeClientHello({
        version: 16,
        keyHash,
        clientKey: bytes(32),
        proxyServer: false,
        service: { role: 'proxy', certKey: hello.auth! },
      }),
    );
    expectOnlyErrors(
      mutations([server], 2000),
      (b) => {
        let parsed: ServerHello;
        try {
          parsed = decodeServerHello(padBlock(b));
        } catch (e) {
          if (e instanceof DecodeError) return;
          throw e;
        }
        verifyServerHello(parsed, { keyHash, sessionId });
      },
      [SmpTransportError],
    );
    expectOnlyErrors(mutations([client], 2000), (b) => decodeClientHello(padBlock(b)), [
      DecodeError,
    ]);
  });
});
