import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, ed25519KeyPair } from '../../../src/protocol/crypto';
import { Writer } from '../../../src/protocol/encoding';
import {
  decodeChatBody,
  encodeBinaryBatch,
  encodeChatMessage,
  encodeForwardElement,
  encodeSignedElement,
  groupSigningContext,
  signChatBody,
  verifySignedChatBody,
  type ChatMessage,
} from '../../../src/protocol/chat';

beforeAll(cryptoReady);

const entityId = new Uint8Array(32).fill(0xee);
const alice = Uint8Array.of(1, 2, 3, 4);
const bob = Uint8Array.of(5, 6, 7, 8);
const info: ChatMessage = {
  version: { min: 1, max: 17 },
  msgId: Uint8Array.of(1),
  event: 'x.grp.info',
  params: { groupProfile: { displayName: 'team', fullName: '' } },
};

describe('group message signatures', () => {
  it('bind to the group entity id and the author member id', () => {
    const ctx = groupSigningContext(entityId, alice);
    expect(ctx.binding).toBe('G');
    expect(ctx.prefix).toEqual(
      new Writer().ascii('G').shortString(entityId).shortString(alice).finish(),
    );
  });

  it('verify under the author key and nothing else', () => {
    const key = ed25519KeyPair();
    const other = ed25519KeyPair();
    const body = encodeChatMessage(info);
    const signed = signChatBody(groupSigningContext(entityId, alice), key.privateKey, body);
    expect(verifySignedChatBody(signed, groupSigningContext(entityId, alice), key.publicKey)).toBe(
      true,
    );
    // Another author, another group, another key, another body, another binding: all fail.
    expect(verifySignedChatBody(signed, groupSigningContext(entityId, bob), key.publicKey)).toBe(
      false,
    );
    expect(
      verifySignedChatBody(signed, groupSigningContext(new Uint8Array(32), alice), key.publicKey),
    ).toBe(false);
    expect(
      verifySignedChatBody(signed, groupSigningContext(entityId, alice), other.publicKey),
    ).toBe(false);
    const tampered = { ...signed, body: body.map((b, i) => (i === body.length - 3 ? b ^ 1 : b)) };
    expect(
      verifySignedChatBody(tampered, groupSigningContext(entityId, alice), key.publicKey),
    ).toBe(false);
    expect(
      verifySignedChatBody(
        { ...signed, binding: 'C' },
        groupSigningContext(entityId, alice),
        key.publicKey,
      ),
    ).toBe(false);
    expect(
      verifySignedChatBody(
        { ...signed, signatures: [] },
        groupSigningContext(entityId, alice),
        key.publicKey,
      ),
    ).toBe(false);
    const extra = {
      ...signed,
      signatures: [...signed.signatures, { keyRef: 'M' as const, signature: new Uint8Array(64) }],
    };
    expect(verifySignedChatBody(extra, groupSigningContext(entityId, alice), key.publicKey)).toBe(
      false,
    );
  });

  it('survive relaying: a forwarded signed element in a batch verifies at the subscriber', () => {
    const key = ed25519KeyPair();
    const signed = signChatBody(
      groupSigningContext(entityId, alice),
      key.privateKey,
      encodeChatMessage(info),
    );
    const header = {
      sender: { kind: 'member' as const, memberId: alice, memberName: 'alice' },
      brokerTs: 1,
    };
    const batch = encodeBinaryBatch([
      encodeForwardElement(header, encodeSignedElement(signed)),
      encodeChatMessage({ version: { min: 1, max: 17 }, event: 'x.ok', params: {} }),
    ]);
    const [first, second] = decodeChatBody(batch);
    if (!first?.ok || first.element.kind !== 'message' || !first.element.signed)
      throw new Error('not signed');
    const { forward, signed: received, message } = first.element;
    expect(message).toEqual(info);
    expect(forward?.sender).toEqual(header.sender);
    const author = forward?.sender.kind === 'member' ? forward.sender.memberId : new Uint8Array(0);
    expect(
      verifySignedChatBody(received, groupSigningContext(entityId, author), key.publicKey),
    ).toBe(true);
    expect(second?.ok).toBe(true);
  });
});
