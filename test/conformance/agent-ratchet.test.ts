import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/protocol/encoding';
import { chainKdf, rootKdf, x3dhKdf } from '../../src/protocol/agent';
import { mqVector, seq, webVector } from './vectors';

describe('double ratchet KDF vectors', () => {
  it('ratchet.x3dh_kdf', () => {
    const v = mqVector<
      { dh1_hex: string; dh2_hex: string; dh3_hex: string },
      { header_key_hex: string; next_header_key_hex: string; root_key_hex: string }
    >('ratchet.x3dh_kdf');
    const out = x3dhKdf(
      fromHex(v.input.dh1_hex),
      fromHex(v.input.dh2_hex),
      fromHex(v.input.dh3_hex),
    );
    expect(toHex(out.headerKey)).toBe(v.expected.header_key_hex);
    expect(toHex(out.nextHeaderKey)).toBe(v.expected.next_header_key_hex);
    expect(toHex(out.rootKey)).toBe(v.expected.root_key_hex);
  });

  it('ratchet.root_kdf', () => {
    const v = mqVector<
      { root_key_hex: string; dh_output_hex: string },
      { new_root_key_hex: string; chain_key_hex: string; next_header_key_hex: string }
    >('ratchet.root_kdf');
    const out = rootKdf(fromHex(v.input.root_key_hex), fromHex(v.input.dh_output_hex));
    expect(toHex(out.rootKey)).toBe(v.expected.new_root_key_hex);
    expect(toHex(out.chainKey)).toBe(v.expected.chain_key_hex);
    expect(toHex(out.nextHeaderKey)).toBe(v.expected.next_header_key_hex);
  });

  it('ratchet.chain_kdf', () => {
    const v = mqVector<
      { chain_key_hex: string },
      {
        next_chain_key_hex: string;
        message_key_hex: string;
        message_iv_hex: string;
        header_iv_hex: string;
      }
    >('ratchet.chain_kdf');
    const out = chainKdf(fromHex(v.input.chain_key_hex));
    expect(toHex(out.chainKey)).toBe(v.expected.next_chain_key_hex);
    expect(toHex(out.messageKey)).toBe(v.expected.message_key_hex);
    expect(toHex(out.messageIv)).toBe(v.expected.message_iv_hex);
    expect(toHex(out.headerIv)).toBe(v.expected.header_iv_hex);
  });

  it('smp-web:chainKdf', () => {
    const v = webVector<{ ck: string; mk: string; iv: string; ehIV: string }>('chainKdf');
    const out = chainKdf(seq(5, 32));
    expect(toHex(out.chainKey)).toBe(v.ck);
    expect(toHex(out.messageKey)).toBe(v.mk);
    expect(toHex(out.messageIv)).toBe(v.iv);
    expect(toHex(out.headerIv)).toBe(v.ehIV);
  });
});
