import { describe, expect, it } from 'vitest';
import { fromHex, latin1, toHex } from '../../src/protocol/encoding';
import {
  agentMessageHash,
  decodeAgentMessage,
  encodeAgentMessage,
  type AgentMessage,
} from '../../src/protocol/agent';
import { mqVector } from './vectors';

describe('agent message vectors', () => {
  it('agent.message.a_msg_encoding_and_hash', () => {
    const v = mqVector<
      { snd_msg_id: number; prev_msg_hash_hex: string; user_body_ascii: string },
      { agent_message_hex: string; message_hash_hex: string }
    >('agent.message.a_msg_encoding_and_hash');
    const msg: AgentMessage = {
      kind: 'message',
      sndMsgId: BigInt(v.input.snd_msg_id),
      prevMsgHash: fromHex(v.input.prev_msg_hash_hex),
      message: { kind: 'A_MSG', body: latin1(v.input.user_body_ascii) },
    };
    const bytes = encodeAgentMessage(msg);
    expect(toHex(bytes)).toBe(v.expected.agent_message_hex);
    expect(toHex(agentMessageHash(bytes))).toBe(v.expected.message_hash_hex);
    expect(decodeAgentMessage(bytes)).toEqual(msg);
  });

  it('agent.message.a_rcvd_encoding', () => {
    const v = mqVector<
      {
        snd_msg_id: number;
        prev_msg_hash_hex: string;
        receipts: { agent_msg_id: number; msg_hash_hex: string; rcpt_info_hex: string }[];
      },
      { agent_message_hex: string }
    >('agent.message.a_rcvd_encoding');
    const msg: AgentMessage = {
      kind: 'message',
      sndMsgId: BigInt(v.input.snd_msg_id),
      prevMsgHash: fromHex(v.input.prev_msg_hash_hex),
      message: {
        kind: 'A_RCVD',
        receipts: v.input.receipts.map((r) => ({
          agentMsgId: BigInt(r.agent_msg_id),
          msgHash: fromHex(r.msg_hash_hex),
          rcptInfo: fromHex(r.rcpt_info_hex),
        })),
      },
    };
    const bytes = encodeAgentMessage(msg);
    expect(toHex(bytes)).toBe(v.expected.agent_message_hex);
    expect(decodeAgentMessage(bytes)).toEqual(msg);
  });
});
