import { describe, expect, it } from 'vitest';
import { DecodeError, EncodeError, fromHex, toHex } from '../../../src/protocol/encoding';
import {
  DER_TAG,
  DerReader,
  derBitString,
  derOid,
  derSequence,
  derTlv,
  oidToString,
  readBitStringBytes,
} from '../../../src/protocol/smp';

describe('DER', () => {
  it('writes short and long lengths', () => {
    expect(toHex(derTlv(0x04, Uint8Array.of(1, 2)))).toBe('04020102');
    expect(toHex(derTlv(0x04, new Uint8Array(0x80)).subarray(0, 3))).toBe('048180');
    expect(toHex(derTlv(0x04, new Uint8Array(0x1234)).subarray(0, 4))).toBe('04821234');
  });

  it('reads elements and keeps their exact bytes', () => {
    const inner = derTlv(0x04, new Uint8Array(300).fill(9));
    const seq = derSequence(inner, derBitString(Uint8Array.of(7)));
    const r = new DerReader(seq, 'test');
    const el = r.expect(DER_TAG.sequence, 'outer');
    r.end();
    const children = new DerReader(el.content, 'test');
    const first = children.read();
    expect(first.raw).toEqual(inner);
    expect(first.content.length).toBe(300);
    expect(readBitStringBytes(children.read(), 'bits')).toEqual(Uint8Array.of(7));
    expect(children.atEnd()).toBe(true);
  });

  it('converts OIDs both ways', () => {
    for (const [dotted, hex] of [
      ['1.3.101.112', '06032b6570'],
      ['1.3.101.113', '06032b6571'],
      ['2.5.4.3', '0603550403'],
      ['1.2.840.10045.4.3.2', '06082a8648ce3d040302'],
    ] as const) {
      expect(toHex(derOid(dotted))).toBe(hex);
      expect(oidToString(fromHex(hex).subarray(2))).toBe(dotted);
    }
    expect(() => derOid('1')).toThrow(EncodeError);
    expect(() => derOid('1.x')).toThrow(EncodeError);
  });

  it.each([
    ['empty', ''],
    ['no length', '30'],
    ['indefinite length', '3080'],
    ['five-byte length', '30850000000001'],
    ['multi-byte tag', '1f0100'],
    ['runs past the end', '300301'],
  ])('%s is a DecodeError', (_name, hex) => {
    expect(() => new DerReader(fromHex(hex), 'test').read()).toThrow(DecodeError);
  });

  it('rejects wrong tags, trailing bytes and bad OIDs', () => {
    expect(() => new DerReader(fromHex('0400'), 't').expect(DER_TAG.sequence, 'x')).toThrow(
      DecodeError,
    );
    const r = new DerReader(fromHex('30000400'), 't');
    r.read();
    expect(() => r.end()).toThrow(DecodeError);
    expect(() => oidToString(new Uint8Array(0))).toThrow(DecodeError);
    expect(() => oidToString(Uint8Array.of(0x2b, 0x85))).toThrow(DecodeError);
    expect(() => oidToString(new Uint8Array(12).fill(0xff))).toThrow(DecodeError);
    expect(() =>
      readBitStringBytes({ tag: 3, content: Uint8Array.of(), raw: Uint8Array.of(3, 0) }, 'b'),
    ).toThrow(DecodeError);
  });
});
