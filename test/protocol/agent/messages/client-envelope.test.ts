import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, utf8 } from '../../../../src/protocol/encoding';
import {
  CryptoError,
  cryptoReady,
  ed25519KeyPair,
  x25519Dh,
  x25519KeyPair,
} from '../../../../src/protocol/crypto';
import {
  CLIENT_CONFIRMATION_PADDED_LENGTH,
  CLIENT_MSG_PADDED_LENGTH,
  decodeClientMessage,
  decodeClientMsgEnvelope,
  encodeClientMessage,
  openClientMessage,
  sealClientMessage,
  type ClientMessage,
} from '../../../../src/protocol/agent';

beforeAll(cryptoReady);

function queueSecrets() {
  const recipient = x25519KeyPair();
  const sender = x25519KeyPair();
  return {
    senderKey: sender.publicKey,
    sent: x25519Dh(recipient.publicKey, sender.privateKey),
    received: x25519Dh(sender.publicKey, recipient.privateKey),
  };
}

describe('client message envelope (per-queue e2e layer)', () => {
  it('seals a confirmation with the sender key in the public header (15904 padded)', () => {
    const s = queueSecrets();
    const message: ClientMessage = {
      privHeader: {
        kind: 'confirmation',
        senderKey: { alg: 'ed25519', key: ed25519KeyPair().publicKey },
      },
      body: utf8('agent envelope'),
    };
    const body = sealClientMessage({
      smpClientVersion: 4,
      senderDhKey: s.senderKey,
      dhSecret: s.sent,
      message,
    });
    expect(body.length).toBe(2 + 1 + 45 + 24 + 16 + CLIENT_CONFIRMATION_PADDED_LENGTH);
    const env = decodeClientMsgEnvelope(body);
    expect(env.smpClientVersion).toBe(4);
    expect(env.senderDhKey).toEqual(s.senderKey);
    expect(openClientMessage(env, s.received)).toEqual(message);
  });

  it('seals a normal message without a key (16000 padded); the wrong secret fails', () => {
    const s = queueSecrets();
    const message: ClientMessage = { privHeader: { kind: 'empty' }, body: utf8('M…') };
    const body = sealClientMessage({ smpClientVersion: 4, dhSecret: s.sent, message });
    expect(body.length).toBe(2 + 1 + 24 + 16 + CLIENT_MSG_PADDED_LENGTH);
    const env = decodeClientMsgEnvelope(body);
    expect(env.senderDhKey).toBeUndefined();
    expect(openClientMessage(env, s.received)).toEqual(message);
    expect(() => openClientMessage(env, queueSecrets().received)).toThrow(CryptoError);
  });

  it('rejects malformed private headers and envelopes', () => {
    expect(() => decodeClientMessage(utf8('Xbody'))).toThrow(DecodeError);
    const empty = encodeClientMessage({ privHeader: { kind: 'empty' }, body: new Uint8Array() });
    expect(decodeClientMessage(empty).privHeader.kind).toBe('empty');
    expect(() => decodeClientMessage(Uint8Array.of(0x4b, 3, 1, 2, 3))).toThrow(DecodeError);
    expect(() => decodeClientMsgEnvelope(Uint8Array.of(0, 4, 0x32))).toThrow(DecodeError);
    expect(() => decodeClientMsgEnvelope(Uint8Array.of(0, 4, 0x30, 1, 2))).toThrow(DecodeError);
  });
});
