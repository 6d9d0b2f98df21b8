import { describe, expect, it } from 'vitest';
import {
  agreeAgentVersion,
  agreeE2eVersion,
  agreeQueueVersion,
  checkAgentVersion,
  checkReplyQueue,
} from '../../../../src/main/engine/agent/versions';
import { AgentError } from '../../../../src/main/engine/agent/errors';

const server = { hosts: ['smp.example.com'], port: '', keyHash: new Uint8Array(32) };
const queue = (min: number, max: number, queueMode: 'messaging' | 'contact' | undefined) => ({
  clientVersions: { min, max },
  server,
  senderId: new Uint8Array(24),
  dhPublicKey: new Uint8Array(32),
  queueMode,
});

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof AgentError) return e.code;
    throw e;
  }
  return undefined;
}

describe('agent versions', () => {
  it('agrees on the highest common version and speaks only the fast handshake', () => {
    expect(agreeAgentVersion({ min: 2, max: 7 })).toBe(7);
    expect(agreeAgentVersion({ min: 1, max: 6 })).toBe(6);
    expect(code(() => agreeAgentVersion({ min: 2, max: 5 }))).toBe('VERSION');
    expect(code(() => checkAgentVersion(5))).toBe('VERSION');
    expect(code(() => checkAgentVersion(8))).toBe('VERSION');
    expect(agreeE2eVersion({ min: 2, max: 9 })).toBe(3);
    expect(code(() => agreeE2eVersion({ min: 4, max: 5 }))).toBe('VERSION');
  });

  it('needs a queue the sender can secure for invitations', () => {
    expect(agreeQueueVersion(queue(1, 4, 'messaging'))).toBe(4);
    expect(agreeQueueVersion(queue(1, 3, 'messaging'))).toBe(3);
    expect(code(() => agreeQueueVersion(queue(1, 2, 'messaging')))).toBe('VERSION');
    expect(agreeQueueVersion(queue(1, 2, 'contact'))).toBe(2);
  });

  it('checks the reply queue of a confirmation', () => {
    const reply = (clientVersion: number, queueMode: 'messaging' | 'contact' | undefined) => ({
      ...queue(1, 4, queueMode),
      clientVersion,
    });
    expect(checkReplyQueue(reply(4, 'messaging'))).toBe(4);
    expect(code(() => checkReplyQueue(reply(4, 'contact')))).toBe('VERSION');
    expect(code(() => checkReplyQueue(reply(2, 'messaging')))).toBe('VERSION');
    expect(code(() => checkReplyQueue(reply(9, 'messaging')))).toBe('VERSION');
  });
});
