import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, sha256, x25519Dh, x25519KeyPair } from '../../../../src/protocol/crypto';
import {
  BlockCipher,
  SMP_VERSION,
  SUPPORTED_SMP_VERSIONS,
  decodeClientHello,
  encodeServerHello,
  padBlock,
  signedSessionKey,
  unpadBlock,
  versionRange,
  type VersionRange,
} from '../../../../src/protocol/smp';
import { SmpClientError } from '../../../../src/main/engine/smp';
import { answerServerHello } from '../../../../src/main/engine/smp/handshake';
import { ed25519SigningKey, makeChain } from '../../../protocol/smp/certificates';
import { mutations } from '../../../support/mutate';

beforeAll(cryptoReady);

const sessionId = new Uint8Array(32).fill(9);

function server(o: { chainLength?: number; range?: VersionRange } = {}) {
  const leaf = ed25519SigningKey();
  const { chain } = makeChain(o.chainLength ?? 2, leaf);
  const session = x25519KeyPair();
  const auth = signedSessionKey(chain, leaf.privateKey, session.publicKey);
  const hello = encodeServerHello({
    versionRange: o.range ?? versionRange(6, 18),
    sessionId,
    auth,
  });
  return { chain, session, hello, keyHash: sha256(chain[1]!), leaf };
}

function check(
  s: ReturnType<typeof server>,
  overrides: Partial<Parameters<typeof answerServerHello>[0]> = {},
) {
  return answerServerHello({
    serverHelloBlock: s.hello,
    keyHash: s.keyHash,
    sessionId,
    tlsChain: s.chain,
    versions: SUPPORTED_SMP_VERSIONS,
    clientKey: x25519KeyPair(),
    ...overrides,
  });
}

function handshakeError(f: () => unknown): SmpClientError {
  try {
    f();
  } catch (e) {
    if (e instanceof SmpClientError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('client handshake', () => {
  it('answers a good hello with the highest common version and its own key', () => {
    const s = server({ range: versionRange(6, 16) });
    const clientKey = x25519KeyPair();
    const clientPublic = clientKey.publicKey.slice();
    const session = check(s, { clientKey });
    expect(session.version).toBe(16);
    expect(session.sessionId).toEqual(sessionId);
    expect(session.serverSessionKey).toEqual(s.session.publicKey);
    const hello = decodeClientHello(session.clientHelloBlock);
    expect(hello).toMatchObject({ version: 16, keyHash: s.keyHash, proxyServer: false });
    expect(hello.clientKey).toEqual(clientPublic);
    expect(hello.service).toBeUndefined();
    // The private half is not kept.
    expect(clientKey.privateKey.every((b) => b === 0)).toBe(true);
  });

  it('agrees block encryption with the server', () => {
    const s = server();
    const clientKey = x25519KeyPair();
    const clientPublic = clientKey.publicKey.slice();
    const session = check(s, { clientKey });
    expect(session.version).toBeGreaterThanOrEqual(SMP_VERSION.encryptedBlock);
    const serverCodec = BlockCipher.forServer(
      sessionId,
      x25519Dh(clientPublic, s.session.privateKey),
    );
    const down = serverCodec.encode(Uint8Array.of(1, 2, 3));
    expect(session.codec.decode(down)).toEqual(Uint8Array.of(1, 2, 3));
    const up = session.codec.encode(Uint8Array.of(4, 5));
    expect(serverCodec.decode(up)).toEqual(Uint8Array.of(4, 5));
  });

  it('accepts chains of 2 to 4 certificates', () => {
    for (const chainLength of [2, 3, 4]) {
      expect(check(server({ chainLength })).version).toBe(18);
    }
  });

  it.each([
    [
      'another server identity',
      (s: ReturnType<typeof server>) => ({ keyHash: sha256(s.chain[0]!) }),
      /identity/,
    ],
    ['another TLS session', () => ({ sessionId: new Uint8Array(32).fill(1) }), /session/],
    [
      'a TLS chain other than the hello chain',
      () => ({ tlsChain: makeChain(2).chain }),
      /TLS chain/,
    ],
    ['no common version', () => ({ versions: versionRange(19, 20) }), /no common SMP version/],
    [
      'a block that is not a hello',
      () => ({ serverHelloBlock: padBlock(Uint8Array.of(0, 1)) }),
      /HANDSHAKE/,
    ],
    ['a short block', () => ({ serverHelloBlock: new Uint8Array(100) }), /HANDSHAKE/],
  ])('refuses %s', (_name, override, message) => {
    const s = server();
    const e = handshakeError(() => check(s, override(s)));
    expect(e.kind).toBe('HANDSHAKE');
    expect(e.message).toMatch(message);
  });

  it('refuses a session key not signed by the leaf certificate', () => {
    const s = server();
    const other = ed25519SigningKey();
    const forged = encodeServerHello({
      versionRange: versionRange(6, 18),
      sessionId,
      auth: signedSessionKey(s.chain, other.privateKey, x25519KeyPair().publicKey),
    });
    const e = handshakeError(() => check(s, { serverHelloBlock: forged }));
    expect(e.kind).toBe('HANDSHAKE');
    expect(e.message).toMatch(/signature/);
  });

  it('refuses chains of 1 or 5 certificates', () => {
    for (const chainLength of [1, 5]) {
      const leaf = ed25519SigningKey();
      const { chain } = makeChain(chainLength, leaf);
      const hello = encodeServerHello({
        versionRange: versionRange(6, 18),
        sessionId,
        auth: signedSessionKey(chain, leaf.privateKey, x25519KeyPair().publicKey),
      });
      const e = handshakeError(() =>
        answerServerHello({
          serverHelloBlock: hello,
          keyHash: sha256(chain[1] ?? chain[0]!),
          sessionId,
          tlsChain: chain,
          versions: SUPPORTED_SMP_VERSIONS,
          clientKey: x25519KeyPair(),
        }),
      );
      expect(e.kind).toBe('HANDSHAKE');
    }
  });

  it('turns any damaged hello into a HANDSHAKE error, never another exception', () => {
    const s = server();
    const payload = unpadBlock(s.hello);
    for (const damaged of mutations([payload], 400)) {
      try {
        check(s, { serverHelloBlock: padBlock(damaged) });
      } catch (e) {
        expect(e).toBeInstanceOf(SmpClientError);
        expect((e as SmpClientError).kind).toBe('HANDSHAKE');
      }
    }
  });
});
