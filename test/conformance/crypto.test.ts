import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex, latin1, encode, Reader } from '../../src/protocol/encoding';
import {
  CryptoError,
  aesGcmDecrypt,
  aesGcmEncrypt,
  cbAuthenticator,
  cbDecrypt,
  cbEncrypt,
  cbVerifyAuthenticator,
  cryptoReady,
  decodeSpki,
  encodeSpki,
  hkdf512,
  pad,
  sodium,
  unpad,
  useX448Implementation,
  x25519Dh,
  x25519PublicKey,
  x448Dh,
  x448PublicKey,
} from '../../src/protocol/crypto';
import { mqVector, seq, webVector } from './vectors';

beforeAll(cryptoReady);

const ascii = (s: string) => latin1(s);

describe('encoding vectors', () => {
  it('encoding.int64', () => {
    const v = mqVector<{ value: string }, { hex: string }>('encoding.int64');
    const bytes = encode((w) => w.int64(BigInt(v.input.value)));
    expect(toHex(bytes)).toBe(v.expected.hex);
    expect(new Reader(bytes).int64()).toBe(BigInt(v.input.value));
  });

  it('encoding.system_time', () => {
    const v = mqVector<{ iso8601: string }, { seconds: number; hex: string }>(
      'encoding.system_time',
    );
    const seconds = Math.floor(Date.parse(v.input.iso8601) / 1000);
    expect(seconds).toBe(v.expected.seconds);
    expect(toHex(encode((w) => w.int64(seconds)))).toBe(v.expected.hex);
  });
});

describe('padding vectors', () => {
  it('padding.pad_ok', () => {
    const v = mqVector<{ message_ascii: string; padded_length: number }, { hex: string }>(
      'padding.pad_ok',
    );
    expect(toHex(pad(ascii(v.input.message_ascii), v.input.padded_length))).toBe(v.expected.hex);
  });

  it('padding.pad_ok_with_fill', () => {
    const v = mqVector<{ message_ascii: string; padded_length: number }, { hex: string }>(
      'padding.pad_ok_with_fill',
    );
    expect(toHex(pad(ascii(v.input.message_ascii), v.input.padded_length))).toBe(v.expected.hex);
  });

  it('padding.pad_too_long', () => {
    const v = mqVector<{ message_ascii: string; padded_length: number }, { error: string }>(
      'padding.pad_too_long',
    );
    expect(v.expected.error).toBe('CryptoLargeMsgError');
    expect(() => pad(ascii(v.input.message_ascii), v.input.padded_length)).toThrow(
      expect.objectContaining({ code: 'LARGE_MSG' }) as CryptoError,
    );
  });

  it('padding.unpad', () => {
    const v = mqVector<
      { inputs_hex: string[] },
      { results: ({ ascii: string } | { error: string })[] }
    >('padding.unpad');
    v.input.inputs_hex.forEach((hex, i) => {
      const want = v.expected.results[i]!;
      if ('ascii' in want) {
        expect(Buffer.from(unpad(fromHex(hex))).toString('latin1')).toBe(want.ascii);
      } else {
        expect(want.error).toBe('CryptoInvalidMsgError');
        expect(() => unpad(fromHex(hex))).toThrow(
          expect.objectContaining({ code: 'INVALID_MSG' }) as CryptoError,
        );
      }
    });
  });
});

describe('box vectors', () => {
  it('simplex_secretbox.sbEncrypt', () => {
    const v = mqVector<
      { key_hex: string; nonce_hex: string; message_ascii: string; padded_length: number },
      { ciphertext_hex: string; hsalsa20_subkey_hex: string }
    >('simplex_secretbox.sbEncrypt');
    const key = fromHex(v.input.key_hex);
    const nonce = fromHex(v.input.nonce_hex);
    expect(toHex(sodium().crypto_core_hsalsa20(new Uint8Array(16), key, null))).toBe(
      v.expected.hsalsa20_subkey_hex,
    );
    const ct = cbEncrypt(key, nonce, ascii(v.input.message_ascii), v.input.padded_length);
    expect(toHex(ct)).toBe(v.expected.ciphertext_hex);
    expect(Buffer.from(cbDecrypt(key, nonce, ct)).toString()).toBe(v.input.message_ascii);
  });

  it('simplex_cryptobox.cbEncrypt_equals_crypto_box', () => {
    const v = mqVector<
      Record<string, string> & { padded_length: number },
      { raw_dh_hex: string; ciphertext_hex: string }
    >('simplex_cryptobox.cbEncrypt_equals_crypto_box');
    const senderPriv = fromHex(v.input.sender_x25519_private_hex!);
    const recipientPub = fromHex(v.input.recipient_x25519_public_hex!);
    expect(toHex(x25519PublicKey(senderPriv))).toBe(v.input.sender_x25519_public_hex);
    const dh = x25519Dh(recipientPub, senderPriv);
    expect(toHex(dh)).toBe(v.expected.raw_dh_hex);
    const nonce = fromHex(v.input.nonce_hex!);
    const ct = cbEncrypt(dh, nonce, ascii(v.input.message_ascii!), v.input.padded_length);
    expect(toHex(ct)).toBe(v.expected.ciphertext_hex);
    // The recipient derives the same secret from its side.
    const dh2 = x25519Dh(
      fromHex(v.input.sender_x25519_public_hex!),
      fromHex(v.input.recipient_x25519_private_hex!),
    );
    expect(Buffer.from(cbDecrypt(dh2, nonce, ct)).toString()).toBe(v.input.message_ascii);
    const tampered = ct.slice();
    tampered[20]! ^= 1;
    expect(() => cbDecrypt(dh2, nonce, tampered)).toThrow(CryptoError);
  });

  it('smp.command_authenticator', () => {
    const v = mqVector<Record<string, string>, { authenticator_hex: string; length: number }>(
      'smp.command_authenticator',
    );
    const dh = x25519Dh(
      fromHex(v.input.server_session_x25519_public_hex!),
      fromHex(v.input.client_queue_x25519_private_hex!),
    );
    const corrId = fromHex(v.input.corr_id_nonce_hex!);
    const authorized = fromHex(v.input.authorized_hex!);
    const auth = cbAuthenticator(dh, corrId, authorized);
    expect(auth.length).toBe(v.expected.length);
    expect(toHex(auth)).toBe(v.expected.authenticator_hex);
    expect(cbVerifyAuthenticator(dh, corrId, authorized, auth)).toBe(true);
    expect(cbVerifyAuthenticator(dh, corrId, ascii('other'), auth)).toBe(false);
  });

  it('smp-web:cbAuthenticator', () => {
    const serverPub = x25519PublicKey(seq(110, 32));
    const dh = x25519Dh(serverPub, seq(70, 32));
    expect(toHex(cbAuthenticator(dh, seq(0, 24), ascii('t')))).toBe(
      webVector<string>('cbAuthenticator'),
    );
  });
});

describe('kdf and aead vectors', () => {
  it('smp-web:hkdf_sha512', () => {
    expect(toHex(hkdf512(seq(0, 16), seq(16, 32), 'SimpleXTest', 48))).toBe(
      webVector<string>('hkdf_sha512'),
    );
  });

  it('ratchet.aes_gcm_16_byte_iv', () => {
    const v = mqVector<
      {
        key_hex: string;
        iv_hex: string;
        aad_ascii: string;
        plaintext_ascii: string;
        padded_length: number;
      },
      { ciphertext_hex: string; tag_hex: string }
    >('ratchet.aes_gcm_16_byte_iv');
    const key = fromHex(v.input.key_hex);
    const iv = fromHex(v.input.iv_hex);
    const aad = ascii(v.input.aad_ascii);
    const sealed = aesGcmEncrypt(
      key,
      iv,
      aad,
      pad(ascii(v.input.plaintext_ascii), v.input.padded_length),
    );
    expect(toHex(sealed.ciphertext)).toBe(v.expected.ciphertext_hex);
    expect(toHex(sealed.tag)).toBe(v.expected.tag_hex);
    const opened = aesGcmDecrypt(key, iv, aad, sealed.ciphertext, sealed.tag);
    expect(Buffer.from(unpad(opened)).toString()).toBe(v.input.plaintext_ascii);
    expect(() => aesGcmDecrypt(key, iv, ascii('other'), sealed.ciphertext, sealed.tag)).toThrow(
      CryptoError,
    );
  });
});

describe('key vectors', () => {
  it('keys.spki_prefixes', () => {
    const v = mqVector<null, Record<'ed25519' | 'x25519' | 'x448' | 'ed448', string>>(
      'keys.spki_prefixes',
    );
    for (const alg of ['ed25519', 'x25519', 'x448', 'ed448'] as const) {
      const size = alg === 'x448' ? 56 : alg === 'ed448' ? 57 : 32;
      const raw = seq(1, size);
      const spki = encodeSpki(alg, raw);
      expect(toHex(spki.subarray(0, spki.length - size))).toBe(v.expected[alg]);
      expect(decodeSpki(alg, spki)).toEqual(raw);
    }
    expect(() => decodeSpki('ed25519', encodeSpki('x25519', seq(1, 32)))).toThrow(CryptoError);
  });

  it.each(['node', 'noble'] as const)('keys.x448_spki (%s implementation)', (implName) => {
    useX448Implementation(implName);
    const v = mqVector<
      { x448_private_hex: string },
      { x448_public_hex: string; spki_hex: string; spki_length: number }
    >('keys.x448_spki');
    const pub = x448PublicKey(fromHex(v.input.x448_private_hex));
    expect(toHex(pub)).toBe(v.expected.x448_public_hex);
    const spki = encodeSpki('x448', pub);
    expect(spki.length).toBe(v.expected.spki_length);
    expect(toHex(spki)).toBe(v.expected.spki_hex);
    // Both implementations agree on DH.
    const other = seq(77, 56);
    const a = x448Dh(x448PublicKey(other), fromHex(v.input.x448_private_hex));
    const b = x448Dh(pub, other);
    expect(toHex(a)).toBe(toHex(b));
  });
});
