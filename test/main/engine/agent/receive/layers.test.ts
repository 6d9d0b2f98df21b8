// Each layer of a received message fails with its own typed error.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  encodeAgentEnvelope,
  encodeClientMessage,
  encodeClientMsgEnvelope,
  sealClientMessage,
} from '../../../../../src/protocol/agent';
import { cbEncrypt, cryptoReady, randomBytes } from '../../../../../src/protocol/crypto';
import { AgentError } from '../../../../../src/main/engine/agent/errors';
import {
  openAgentEnvelope,
  parseClientEnvelope,
} from '../../../../../src/main/engine/agent/receive/layers';

beforeAll(cryptoReady);

function failure(f: () => unknown): AgentError {
  try {
    f();
  } catch (e) {
    if (e instanceof AgentError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

const envelope = encodeAgentEnvelope({
  kind: 'message',
  agentVersion: 7,
  encAgentMessage: randomBytes(10),
});

describe('received message layers', () => {
  it('opens a well-formed message', () => {
    const secret = randomBytes(32);
    const body = sealClientMessage({
      smpClientVersion: 4,
      dhSecret: secret,
      message: { privHeader: { kind: 'empty' }, body: envelope },
    });
    expect(openAgentEnvelope(parseClientEnvelope(body), secret).kind).toBe('message');
  });

  it('reports each layer’s failure with its own code', () => {
    expect(failure(() => parseClientEnvelope(new Uint8Array([0, 4]))).code).toBe('MESSAGE');
    const nonce = randomBytes(24);
    const future = encodeClientMsgEnvelope({
      smpClientVersion: 99,
      nonce,
      encBody: randomBytes(40),
    });
    expect(failure(() => parseClientEnvelope(future)).code).toBe('VERSION');

    const secret = randomBytes(32);
    const sealed = sealClientMessage({
      smpClientVersion: 4,
      dhSecret: secret,
      message: { privHeader: { kind: 'empty' }, body: envelope },
    });
    expect(
      failure(() => openAgentEnvelope(parseClientEnvelope(sealed), randomBytes(32))).code,
    ).toBe('DECRYPT');

    // A legacy confirmation (the sender's key in the private header) is not supported.
    const legacy = encodeClientMessage({
      privHeader: { kind: 'confirmation', senderKey: { alg: 'ed25519', key: randomBytes(32) } },
      body: envelope,
    });
    const legacyEnvelope = encodeClientMsgEnvelope({
      smpClientVersion: 4,
      nonce,
      encBody: cbEncrypt(secret, nonce, legacy, 16000),
    });
    expect(failure(() => openAgentEnvelope(parseClientEnvelope(legacyEnvelope), secret)).code).toBe(
      'VERSION',
    );

    const garbage = encodeClientMsgEnvelope({
      smpClientVersion: 4,
      nonce,
      encBody: cbEncrypt(secret, nonce, new Uint8Array([0x5f, 0, 7, 0x5a]), 16000),
    });
    expect(failure(() => openAgentEnvelope(parseClientEnvelope(garbage), secret)).code).toBe(
      'MESSAGE',
    );
  });
});
