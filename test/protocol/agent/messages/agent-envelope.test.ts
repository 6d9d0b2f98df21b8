import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, encode, utf8 } from '../../../../src/protocol/encoding';
import { cryptoReady } from '../../../../src/protocol/crypto';
import {
  decodeAgentEnvelope,
  encodeAgentEnvelope,
  formatConnectionRequest,
  newJoinerE2eParams,
  type AgentMsgEnvelope,
} from '../../../../src/protocol/agent';
import { contactRequest, invitationRequest } from '../links/fixtures';

beforeAll(cryptoReady);

describe('agent envelope', () => {
  it('round-trips confirmations, messages, contact requests and ratchet keys', () => {
    const params = newJoinerE2eParams(3).params;
    const envelopes: AgentMsgEnvelope[] = [
      {
        kind: 'confirmation',
        agentVersion: 7,
        e2eParams: params,
        encConnInfo: utf8('ratchet bytes'),
      },
      { kind: 'confirmation', agentVersion: 7, e2eParams: undefined, encConnInfo: utf8('reply') },
      { kind: 'message', agentVersion: 7, encAgentMessage: utf8('ratchet bytes') },
      {
        kind: 'invitation',
        agentVersion: 7,
        connReq: invitationRequest(),
        connInfo: utf8('{"profile":1}'),
      },
      { kind: 'ratchetKey', agentVersion: 7, e2eParams: params, info: utf8('info') },
    ];
    for (const e of envelopes) expect(decodeAgentEnvelope(encodeAgentEnvelope(e))).toEqual(e);
  });

  it('starts with the agent version and a tag letter', () => {
    const bytes = encodeAgentEnvelope({
      kind: 'message',
      agentVersion: 7,
      encAgentMessage: new Uint8Array(),
    });
    expect([...bytes]).toEqual([0, 7, 0x4d]);
  });

  it('rejects unknown tags and contact requests that do not carry an invitation', () => {
    expect(() => decodeAgentEnvelope(Uint8Array.of(0, 7, 0x58))).toThrow(DecodeError);
    const contact = encode((w) =>
      w
        .word16(7)
        .ascii('I')
        .large(utf8(formatConnectionRequest(contactRequest()))),
    );
    expect(() => decodeAgentEnvelope(contact)).toThrow(DecodeError);
    const garbage = encode((w) => w.word16(7).ascii('I').large(utf8('simplex:/nothing')));
    expect(() => decodeAgentEnvelope(garbage)).toThrow(DecodeError);
    expect(() => decodeAgentEnvelope(Uint8Array.of(0, 7, 0x43, 0x31, 0))).toThrow(DecodeError);
  });
});
