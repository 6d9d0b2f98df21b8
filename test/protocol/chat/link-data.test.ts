import { describe, expect, it } from 'vitest';
import { DecodeError, concatBytes, fromUtf8, utf8 } from '../../../src/protocol/encoding';
import {
  ContactShortLinkData,
  GroupShortLinkData,
  MAX_UNCOMPRESSED_LINK_DATA,
  RelayAddressLinkData,
  decodeLinkUserData,
  encodeLinkUserData,
  zstdCompress,
} from '../../../src/protocol/chat';
import { SHORT_LINK, alice } from './samples';

describe('short-link user data', () => {
  it('is plain JSON when small', () => {
    const data = {
      profile: alice,
      message: { type: 'text' as const, text: 'welcome' },
      business: false,
    };
    const bytes = encodeLinkUserData(ContactShortLinkData, data);
    expect(JSON.parse(fromUtf8(bytes))).toMatchObject({
      business: false,
      message: { type: 'text' },
    });
    expect(decodeLinkUserData(ContactShortLinkData, bytes)).toEqual(data);
  });

  it('is compressed as X + one zstd frame above 10,240 bytes', () => {
    const data = {
      groupProfile: {
        displayName: 'big',
        fullName: '',
        description: 'w'.repeat(MAX_UNCOMPRESSED_LINK_DATA),
        publicGroup: {
          groupType: 'channel',
          groupLink: SHORT_LINK,
          publicGroupId: new Uint8Array(32),
        },
      },
      publicGroupData: { publicMemberCount: 1200 },
    };
    const bytes = encodeLinkUserData(GroupShortLinkData, data);
    expect(bytes[0]).toBe(0x58);
    expect(bytes.length).toBeLessThan(1000);
    expect(decodeLinkUserData(GroupShortLinkData, bytes)).toEqual(data);
  });

  it('reads a relay address profile and nothing from empty data', () => {
    const bytes = utf8('{"relayProfile":{"displayName":"relay1","fullName":"","extra":1}}');
    expect(decodeLinkUserData(RelayAddressLinkData, bytes)).toEqual({
      relayProfile: { displayName: 'relay1', fullName: '' },
    });
    expect(decodeLinkUserData(RelayAddressLinkData, new Uint8Array(0))).toBeUndefined();
  });

  it.each([
    ['bad JSON', utf8('{')],
    ['the wrong shape', utf8('{"profile":1}')],
    ['a decompression bomb', concatBytes(utf8('X'), zstdCompress(new Uint8Array(1_000_000)))],
    ['a broken frame', utf8('Xnot zstd')],
  ])('rejects %s', (_, bytes) => {
    expect(() => decodeLinkUserData(ContactShortLinkData, bytes)).toThrow(DecodeError);
  });
});
