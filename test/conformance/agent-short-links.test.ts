import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, latin1, toHex } from '../../src/protocol/encoding';
import { cryptoReady, sha256 } from '../../src/protocol/crypto';
import { parseSmpServer } from '../../src/protocol/smp/address';
import {
  FIXED_DATA_PADDED_LENGTH,
  contactShortLinkKdf,
  encryptLinkBlob,
  formatShortLink,
  invShortLinkKdf,
  parseShortLink,
  restoreShortLink,
  shortenShortLink,
  type ShortLink,
} from '../../src/protocol/agent';
import { mqVector, seq, webVector } from './vectors';

beforeAll(cryptoReady);

interface ShortLinkInput {
  link_key_ascii: string;
  scheme: 'https' | 'simplex';
  type: 'contact' | 'group' | 'invitation';
  link_id_ascii?: string;
  server: { hosts: string[]; port: string; key_hash_hex: string };
}

function linkFrom(input: ShortLinkInput): ShortLink {
  const server = {
    hosts: input.server.hosts,
    port: input.server.port,
    keyHash: fromHex(input.server.key_hash_hex),
  };
  const linkKey = latin1(input.link_key_ascii);
  if (input.type === 'invitation') {
    const linkId = latin1(input.link_id_ascii!);
    return { mode: 'invitation', scheme: input.scheme, server, linkId, linkKey };
  }
  return { mode: 'contact', scheme: input.scheme, type: input.type, server, linkKey };
}

describe('short link vectors', () => {
  it.each([
    'short_link.contact.https.full_server',
    'short_link.group.https.full_server',
    'short_link.contact.https.preset_server',
    'short_link.invitation.https.full_server',
    'short_link.invitation.https.preset_server',
    'short_link.contact.simplex.full_server',
    'short_link.group.simplex.full_server',
    'short_link.contact.simplex.preset_server',
    'short_link.invitation.simplex.full_server',
    'short_link.invitation.simplex.preset_server',
  ])('%s', (name) => {
    const v = mqVector<ShortLinkInput, string>(name);
    const link = linkFrom(v.input);
    expect(formatShortLink(link)).toBe(v.expected);
    expect(parseShortLink(v.expected)).toEqual(link);
  });

  it.each(['short_link.shorten_restore.contact', 'short_link.shorten_restore.invitation'])(
    '%s',
    (name) => {
      const v = mqVector<{ preset_server: string; full_link: string }, { shortened: string }>(name);
      const presets = [parseSmpServer(v.input.preset_server)];
      const full = parseShortLink(v.input.full_link);
      const short = shortenShortLink(full, presets);
      expect(formatShortLink(short)).toBe(v.expected.shortened);
      const restored = restoreShortLink(parseShortLink(v.expected.shortened), presets);
      expect(formatShortLink(restored)).toBe(v.input.full_link);
    },
  );

  it('smp-web:shortLink', () => {
    const v = webVector<{
      input: string;
      hosts: string[];
      port: string;
      keyHash: string;
      linkKey: string;
    }>('shortLink');
    const link = parseShortLink(v.input);
    expect(link).toMatchObject({ mode: 'contact', scheme: 'https', type: 'contact' });
    expect(link.server.hosts).toEqual(v.hosts);
    expect(link.server.port).toBe(v.port);
    expect(toHex(link.server.keyHash)).toBe(v.keyHash);
    expect(toHex(link.linkKey)).toBe(v.linkKey);
    expect(toHex(link.linkKey)).toBe(toHex(seq(100, 32)));
    expect(formatShortLink(link)).toBe(v.input);
  });
});

describe('short link cryptography vectors', () => {
  it('short_link.kdf', () => {
    const v = mqVector<
      { link_key_hex: string },
      {
        contact_link_id_hex: string;
        contact_secretbox_key_hex: string;
        invitation_secretbox_key_hex: string;
      }
    >('short_link.kdf');
    const linkKey = fromHex(v.input.link_key_hex);
    const contact = contactShortLinkKdf(linkKey);
    expect(toHex(contact.linkId)).toBe(v.expected.contact_link_id_hex);
    expect(toHex(contact.key)).toBe(v.expected.contact_secretbox_key_hex);
    expect(toHex(invShortLinkKdf(linkKey))).toBe(v.expected.invitation_secretbox_key_hex);
  });

  it('smp-web:contactShortLinkKdf', () => {
    const v = webVector<{ linkId: string; sbKey: string }>('contactShortLinkKdf');
    const contact = contactShortLinkKdf(seq(100, 32));
    expect(toHex(contact.linkId)).toBe(v.linkId);
    expect(toHex(contact.key)).toBe(v.sbKey);
  });

  it('smp-web:invShortLinkKdf', () => {
    expect(toHex(invShortLinkKdf(seq(100, 32)))).toBe(webVector<string>('invShortLinkKdf'));
  });

  it('short_link.encrypt_fixed_data_layout', () => {
    const v = mqVector<
      {
        secretbox_key_hex: string;
        nonce_hex: string;
        signed_fixed_data_ascii: string;
        padded_length: number;
      },
      { enc_data_total_length: number; enc_data_prefix_hex: string; enc_data_sha256_hex: string }
    >('short_link.encrypt_fixed_data_layout');
    expect(v.input.padded_length).toBe(FIXED_DATA_PADDED_LENGTH);
    const blob = encryptLinkBlob(
      fromHex(v.input.secretbox_key_hex),
      latin1(v.input.signed_fixed_data_ascii),
      FIXED_DATA_PADDED_LENGTH,
      fromHex(v.input.nonce_hex),
    );
    expect(blob.length).toBe(v.expected.enc_data_total_length);
    expect(toHex(blob).startsWith(v.expected.enc_data_prefix_hex)).toBe(true);
    expect(toHex(sha256(blob))).toBe(v.expected.enc_data_sha256_hex);
  });
});
