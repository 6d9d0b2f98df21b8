import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, concatBytes, toHex } from '../../../../src/protocol/encoding';
import { cryptoReady, ed25519KeyPair, encodeSpki } from '../../../../src/protocol/crypto';
import {
  decodeConnLinkData,
  decodeFixedLinkData,
  encodeConnLinkData,
  encodeFixedLinkData,
  newOwnerAuth,
  ownerAuthMessage,
  parseShortLink,
  type ContactShortLink,
  type FixedLinkData,
} from '../../../../src/protocol/agent';
import { contactData, contactRequest, invitationRequest } from './fixtures';

beforeAll(cryptoReady);

function fixed(linkEntityId?: Uint8Array): FixedLinkData {
  return {
    agentVersions: { min: 2, max: 7 },
    rootKey: ed25519KeyPair().publicKey,
    connReq: contactRequest(),
    linkEntityId,
  };
}

describe('fixed link data', () => {
  it('round-trips with and without an entity ID, and for invitations', () => {
    for (const fd of [
      fixed(),
      fixed(Uint8Array.of(1, 2, 3)),
      { ...fixed(), connReq: invitationRequest() },
    ]) {
      expect(decodeFixedLinkData(encodeFixedLinkData(fd))).toEqual(fd);
    }
  });

  it('ignores bytes appended by later versions', () => {
    const fd = fixed(Uint8Array.of(9));
    const extended = concatBytes(encodeFixedLinkData(fd), Uint8Array.of(5, 6, 7));
    expect(decodeFixedLinkData(extended)).toEqual(fd);
    // Trailing bytes that are not a complete shortString are not an entity ID.
    const noId = fixed();
    expect(
      decodeFixedLinkData(concatBytes(encodeFixedLinkData(noId), Uint8Array.of(200))).linkEntityId,
    ).toBeUndefined();
  });

  it('rejects a wrong root key type and a truncated request', () => {
    const bytes = encodeFixedLinkData(fixed());
    expect(() => decodeFixedLinkData(bytes.subarray(0, 30))).toThrow(DecodeError);
    const x25519Root = bytes.slice();
    x25519Root.set(encodeSpki('x25519', new Uint8Array(32).fill(1)), 5);
    expect(() => decodeFixedLinkData(x25519Root)).toThrow(DecodeError);
  });
});

describe('user link data', () => {
  const relay = parseShortLink(
    'https://localhost/r#4AkRDmhf64tdRlN406g8lJRg5OCmhD6ynIhi6glOcCM?p=7001&c=LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI',
  ) as ContactShortLink;

  it('round-trips contact data with owners and relay links', () => {
    const root = ed25519KeyPair();
    const owner = newOwnerAuth(root.privateKey, Uint8Array.of(1, 2), ed25519KeyPair().publicKey);
    const data = { ...contactData([owner]), relays: [relay], direct: false };
    const bytes = encodeConnLinkData(data);
    expect(bytes[0]).toBe(0x43);
    expect(decodeConnLinkData(bytes)).toEqual(data);
    expect(decodeConnLinkData(concatBytes(bytes, Uint8Array.of(1, 2, 3)))).toEqual(data);
  });

  it('writes up to 254 bytes of user data as a shortString and longer data after 0xFF', () => {
    const short = {
      mode: 'invitation' as const,
      agentVersions: { min: 2, max: 7 },
      userData: new Uint8Array(254),
    };
    const shortBytes = encodeConnLinkData(short);
    expect(toHex(shortBytes.subarray(5, 6))).toBe('fe');
    expect(decodeConnLinkData(shortBytes)).toEqual(short);
    const long = { ...short, userData: new Uint8Array(255).fill(7) };
    const longBytes = encodeConnLinkData(long);
    expect(toHex(longBytes.subarray(5, 8))).toBe('ff00ff');
    expect(decodeConnLinkData(longBytes)).toEqual(long);
  });

  it('signs owner authorisations over the raw ID followed by the key SPKI', () => {
    const root = ed25519KeyPair();
    const key = ed25519KeyPair().publicKey;
    expect(ownerAuthMessage(Uint8Array.of(7), key)).toEqual(
      concatBytes(Uint8Array.of(7), encodeSpki('ed25519', key)),
    );
    expect(newOwnerAuth(root.privateKey, Uint8Array.of(7), key).authOwnerSig.length).toBe(64);
  });

  it('rejects invitation links among relays, unknown modes and bad signatures', () => {
    const inv = parseShortLink(
      'https://localhost/i#tnUaHYp8saREmyEHR93SBpl8ySHBchOt/LJ1ZQUzxH9Udb0jw5wmJACv5o6oe8e7BsX_hUCUMTSY',
    );
    const data = { ...contactData(), relays: [relay] };
    const bytes = encodeConnLinkData(data);
    const asInvitation = encodeConnLinkData({
      ...data,
      relays: [inv as unknown as ContactShortLink],
    });
    expect(() => decodeConnLinkData(asInvitation)).toThrow(DecodeError);
    expect(() => decodeConnLinkData(Uint8Array.of(0x58, ...bytes.subarray(1)))).toThrow(
      DecodeError,
    );
    const owner = newOwnerAuth(
      ed25519KeyPair().privateKey,
      Uint8Array.of(1),
      ed25519KeyPair().publicKey,
    );
    const withOwner = encodeConnLinkData(
      contactData([{ ...owner, authOwnerSig: new Uint8Array(10) }]),
    );
    expect(() => decodeConnLinkData(withOwner)).toThrow(DecodeError);
  });
});
