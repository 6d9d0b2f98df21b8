import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError, cryptoReady } from '../../../src/protocol/crypto';
import { DecodeError, EncodeError, latin1 } from '../../../src/protocol/encoding';
import {
  BlockCipher,
  ENCRYPTED_BLOCK_PADDED_SIZE,
  SMP_BLOCK_SIZE,
  blockCodecFor,
  decryptBlock,
  encodeBatch,
  encryptBlock,
  plainBlocks,
  sbcHkdf,
  sbcInit,
} from '../../../src/protocol/smp';

beforeAll(cryptoReady);

const bytes = (n: number, from = 1) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const sessionId = bytes(32, 1);
const secret = bytes(32, 33);

describe('block encryption', () => {
  it('every block is 16384 bytes and opens with the same step', () => {
    const { key, nonce } = sbcHkdf(sbcInit(sessionId, secret)[1]);
    const payload = encodeBatch([latin1('hello')]);
    const block = encryptBlock(key, nonce, payload);
    expect(block.length).toBe(SMP_BLOCK_SIZE);
    expect(decryptBlock(key, nonce, block)).toEqual(payload);
    const full = bytes(ENCRYPTED_BLOCK_PADDED_SIZE - 2);
    expect(decryptBlock(key, nonce, encryptBlock(key, nonce, full))).toEqual(full);
    expect(() => encryptBlock(key, nonce, bytes(ENCRYPTED_BLOCK_PADDED_SIZE - 1))).toThrow(
      EncodeError,
    );
  });

  it('a tampered block fails to authenticate; a short one is malformed', () => {
    const { key, nonce } = sbcHkdf(sbcInit(sessionId, secret)[0]);
    const block = encryptBlock(key, nonce, latin1('x'));
    block[100]! ^= 1;
    expect(() => decryptBlock(key, nonce, block)).toThrow(CryptoError);
    expect(() => decryptBlock(key, nonce, block.subarray(1))).toThrow(DecodeError);
  });

  it('client and server ciphers ratchet in step, in both directions', () => {
    const client = BlockCipher.forClient(sessionId, secret);
    const server = BlockCipher.forServer(sessionId, secret);
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const up = client.encode(latin1(`c${i}`));
      const down = server.encode(latin1(`s${i}`));
      seen.add(Buffer.from(up).toString('hex')).add(Buffer.from(down).toString('hex'));
      expect(server.decode(up)).toEqual(latin1(`c${i}`));
      expect(client.decode(down)).toEqual(latin1(`s${i}`));
    }
    expect(seen.size).toBe(10);
  });

  it('an out-of-order block does not open', () => {
    const client = BlockCipher.forClient(sessionId, secret);
    const server = BlockCipher.forServer(sessionId, secret);
    client.encode(latin1('lost'));
    expect(() => server.decode(client.encode(latin1('second')))).toThrow(CryptoError);
  });

  it('the same payload never gives the same block twice', () => {
    const client = BlockCipher.forClient(sessionId, secret);
    expect(client.encode(latin1('same'))).not.toEqual(client.encode(latin1('same')));
  });
});

describe('choosing the block codec', () => {
  const base = { sessionId, dhSecret: secret, proxyServer: false };

  it('encrypts from v11 unless the client is a proxy or sent no key', () => {
    expect(blockCodecFor({ ...base, role: 'client', version: 10 })).toBe(plainBlocks);
    expect(blockCodecFor({ ...base, role: 'client', version: 18, proxyServer: true })).toBe(
      plainBlocks,
    );
    expect(blockCodecFor({ ...base, role: 'server', version: 18, dhSecret: undefined })).toBe(
      plainBlocks,
    );
    const client = blockCodecFor({ ...base, role: 'client', version: 11 });
    const server = blockCodecFor({ ...base, role: 'server', version: 11 });
    expect(client).toBeInstanceOf(BlockCipher);
    expect(server.decode(client.encode(latin1('x')))).toEqual(latin1('x'));
  });

  it('plain blocks are padded only', () => {
    const block = plainBlocks.encode(latin1('abc'));
    expect(block.length).toBe(SMP_BLOCK_SIZE);
    expect(plainBlocks.decode(block)).toEqual(latin1('abc'));
  });
});
