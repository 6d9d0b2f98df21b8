import { describe, expect, it } from 'vitest';
import {
  directChatId,
  newProbe,
  newSharedMsgId,
  parseChatId,
  probeHash,
} from '../../../../src/main/engine/chat/ids';
import { sha256 } from '../../../../src/protocol/crypto';

const ascii = (b: Uint8Array) => new TextDecoder().decode(b);

describe('chat ids', () => {
  it('names direct chats by contact id and reads group ids', () => {
    expect(directChatId(12)).toBe('@12');
    expect(parseChatId('@12')).toEqual({ type: 'direct', contactId: 12 });
    expect(parseChatId('#3')).toEqual({ type: 'group', groupId: 3 });
  });

  it('makes shared message ids and probes as upstream: the base64 text of random bytes', () => {
    const id = newSharedMsgId();
    expect(ascii(id)).toMatch(/^[A-Za-z0-9+/]{16}$/);
    expect(newSharedMsgId()).not.toEqual(id);
    const probe = newProbe();
    expect(ascii(probe)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(probeHash(probe)).toEqual(sha256(probe));
  });
});
