import { beforeAll, describe, expect, it } from 'vitest';
import {
  DecodeError,
  Reader,
  base64url,
  decodeAll,
  encode,
  toHex,
} from '../../../../src/protocol/encoding';
import { cryptoReady, encodeSpki } from '../../../../src/protocol/crypto';
import {
  KEM_CIPHERTEXT_SIZE,
  KEM_PUBLIC_KEY_SIZE,
  formatE2eParamsUri,
  newInitiatorE2eParams,
  parseE2eParamsUri,
  readE2eParams,
  readE2eParamsUri,
  writeE2eParams,
  writeE2eParamsUri,
  type E2eRatchetParams,
} from '../../../../src/protocol/agent';

beforeAll(cryptoReady);

const kemKey = new Uint8Array(KEM_PUBLIC_KEY_SIZE).fill(7);
const kemCt = new Uint8Array(KEM_CIPHERTEXT_SIZE).fill(9);

describe('e2e ratchet parameters', () => {
  it('encodes version 2 without and version 3 with the Maybe KEM field', () => {
    const { key1, key2 } = newInitiatorE2eParams().params;
    const v2: E2eRatchetParams = { version: 2, key1, key2, kem: undefined };
    const v2bytes = encode((w) => writeE2eParams(w, v2));
    expect(v2bytes.length).toBe(2 + 69 + 69);
    expect(decodeAll(v2bytes, readE2eParams)).toEqual(v2);
    const v3 = { ...v2, version: 3 };
    const v3bytes = encode((w) => writeE2eParams(w, v3));
    expect(toHex(v3bytes.subarray(-1))).toBe('30'); // Nothing
    expect(decodeAll(v3bytes, readE2eParams)).toEqual(v3);
  });

  it('parses and keeps proposed and accepted KEM parameters', () => {
    const { key1, key2 } = newInitiatorE2eParams().params;
    for (const kem of [
      { kind: 'proposed' as const, publicKey: kemKey },
      { kind: 'accepted' as const, ciphertext: kemCt, publicKey: kemKey },
    ]) {
      const p: E2eRatchetParams = { version: 3, key1, key2, kem };
      expect(
        decodeAll(
          encode((w) => writeE2eParams(w, p)),
          readE2eParams,
        ),
      ).toEqual(p);
      const uri = { versions: { min: 2, max: 3 }, key1, key2, kem };
      expect(parseE2eParamsUri(formatE2eParamsUri(uri))).toEqual(uri);
      expect(
        decodeAll(
          encode((w) => writeE2eParamsUri(w, uri)),
          readE2eParamsUri,
        ),
      ).toEqual(uri);
    }
  });

  it('ignores KEM parameters for ranges that end before version 3', () => {
    const { key1, key2 } = newInitiatorE2eParams().params;
    const text = `${formatE2eParamsUri({ versions: { min: 2, max: 2 }, key1, key2 })}&kem_key=${base64url(kemKey)}`;
    expect(parseE2eParamsUri(text).kem).toBeUndefined();
  });

  it('rejects malformed parameters', () => {
    const { key1, key2 } = newInitiatorE2eParams().params;
    const k1 = base64url(encodeSpki('x448', key1));
    const x25519 = base64url(encodeSpki('x25519', new Uint8Array(32).fill(1)));
    for (const bad of [
      `x3dh=${k1},${k1}`,
      `v=2-3&x3dh=${k1}`,
      `v=2-3&x3dh=${k1},${k1},${k1}`,
      `v=2-3&x3dh=${k1},${x25519}`,
      `v=3-2&x3dh=${k1},${k1}`,
      `v=2-3&x3dh=${k1},${k1}&kem_key=AAAA`,
    ]) {
      expect(() => parseE2eParamsUri(bad), bad).toThrow(DecodeError);
    }
    const v3 = encode((w) => writeE2eParams(w, { version: 3, key1, key2 }));
    const badTag = Uint8Array.of(...v3.subarray(0, -1), 0x31, 0x58);
    expect(() => decodeAll(badTag, readE2eParams)).toThrow(DecodeError);
    expect(() => readE2eParams(new Reader(v3.subarray(0, 10)))).toThrow(DecodeError);
  });
});
