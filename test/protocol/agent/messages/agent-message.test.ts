import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError, EncodeError, utf8 } from '../../../../src/protocol/encoding';
import { cryptoReady, ed25519KeyPair, randomBytes } from '../../../../src/protocol/crypto';
import {
  decodeAgentMessage,
  encodeAgentMessage,
  type AMessage,
  type AgentMessage,
  type SmpQueueInfo,
} from '../../../../src/protocol/agent';
import { queue } from '../links/fixtures';

beforeAll(cryptoReady);

function info(): SmpQueueInfo {
  const { clientVersions: _, ...address } = queue('messaging');
  return { ...address, clientVersion: 4 };
}

const msg = (message: AMessage): AgentMessage => ({
  kind: 'message',
  sndMsgId: 42n,
  prevMsgHash: randomBytes(32),
  message,
});

describe('agent messages', () => {
  it('round-trips every message the ratchet carries', () => {
    const q = queue('messaging');
    const addr = { server: q.server, senderId: q.senderId };
    const messages: AgentMessage[] = [
      { kind: 'connInfo', connInfo: utf8('{"profile":1}') },
      { kind: 'connInfoReply', queues: [info(), info()], connInfo: utf8('{"profile":2}') },
      { kind: 'ratchetInfo', info: utf8('x') },
      msg({ kind: 'HELLO' }),
      msg({ kind: 'A_MSG', body: utf8('hello') }),
      msg({
        kind: 'A_RCVD',
        receipts: [{ agentMsgId: 1n, msgHash: randomBytes(32), rcptInfo: utf8('') }],
      }),
      msg({ kind: 'A_QCONT', address: addr }),
      msg({
        kind: 'QADD',
        queues: [
          { queue: q, replaces: addr },
          { queue: q, replaces: undefined },
        ],
      }),
      msg({
        kind: 'QKEY',
        queues: [{ queue: info(), senderKey: { alg: 'ed25519', key: ed25519KeyPair().publicKey } }],
      }),
      msg({ kind: 'QUSE', queues: [{ address: addr, primary: true }] }),
      msg({ kind: 'QTEST', addresses: [addr] }),
      msg({ kind: 'EREADY', lastDecryptedMsgId: -1n }),
    ];
    for (const m of messages) expect(decodeAgentMessage(encodeAgentMessage(m))).toEqual(m);
  });

  it('rejects unknown tags, empty lists and trailing bytes after fixed-size messages', () => {
    const hello = encodeAgentMessage(msg({ kind: 'HELLO' }));
    expect(() => decodeAgentMessage(Uint8Array.of(...hello, 0))).toThrow(DecodeError);
    expect(() => decodeAgentMessage(utf8('X'))).toThrow(DecodeError);
    expect(() => decodeAgentMessage(Uint8Array.of(...hello.subarray(0, -1), 0x51, 0x5a))).toThrow(
      DecodeError,
    );
    expect(() => decodeAgentMessage(Uint8Array.of(...hello.subarray(0, -1), 0x56, 0))).toThrow(
      DecodeError,
    );
    expect(() => decodeAgentMessage(Uint8Array.of(0x44, 0))).toThrow(DecodeError);
    expect(() => encodeAgentMessage(msg({ kind: 'A_RCVD', receipts: [] }))).toThrow(EncodeError);
  });
});
