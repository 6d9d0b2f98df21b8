// Every upstream chat vector (shared/conformance/simplex-chat-vectors.json) as a test named after
// it. JSON vectors always decode; where upstream's test also encodes (`#==#`, `##==##`), our
// encoder must produce the same JSON value. Binary-batch vectors carry raw bytes as latin-1.
import { describe, expect, it } from 'vitest';
import { fromUtf8, latin1, toHex, utf8 } from '../../src/protocol/encoding';
import {
  decodeChatBody,
  encodeBinaryBatch,
  encodeChatMessage,
  encodeJsonBatch,
  splitBinaryBatch,
  type ChatMessage,
} from '../../src/protocol/chat';
import { chatVectors, type ChatVector } from './vectors';

const NAMES = [
  'upstream-f90d4ad/x.msg.new simple text',
  'upstream-f90d4ad/x.msg.new simple text - timed message TTL',
  'upstream-f90d4ad/x.msg.new simple text - live message',
  'upstream-f90d4ad/x.msg.new simple link',
  'upstream-f90d4ad/x.msg.new simple image',
  'upstream-f90d4ad/x.msg.new simple image with text',
  'upstream-f90d4ad/x.msg.new chat message',
  'upstream-f90d4ad/x.msg.new chat message with chat version range',
  'upstream-f90d4ad/x.msg.new quote',
  'upstream-f90d4ad/x.msg.new quote - timed message TTL',
  'upstream-f90d4ad/x.msg.new quote - live message',
  'upstream-f90d4ad/x.msg.new forward',
  'upstream-f90d4ad/x.msg.new forward - timed message TTL',
  'upstream-f90d4ad/x.msg.new forward - live message',
  'upstream-f90d4ad/x.msg.new simple text with file',
  'upstream-f90d4ad/x.msg.update',
  'upstream-f90d4ad/x.msg.del',
  'upstream-f90d4ad/x.msg.deleted',
  'upstream-f90d4ad/x.info',
  'upstream-f90d4ad/x.info with empty full name',
  'upstream-f90d4ad/x.contact with xContactId',
  'upstream-f90d4ad/x.contact without XContactId',
  'upstream-f90d4ad/x.contact with content null',
  'upstream-f90d4ad/x.contact with content (ignored)',
  'upstream-f90d4ad/x.grp.inv',
  'upstream-f90d4ad/x.grp.inv with group link id',
  'upstream-f90d4ad/x.grp.acpt without incognito profile',
  'upstream-f90d4ad/x.grp.mem.new',
  'upstream-f90d4ad/x.grp.mem.new with member chat version range',
  'upstream-f90d4ad/x.grp.mem.intro',
  'upstream-f90d4ad/x.grp.mem.intro with member chat version range',
  'upstream-f90d4ad/x.grp.mem.inv',
  'upstream-f90d4ad/x.grp.mem.inv w/t directConnReq',
  'upstream-f90d4ad/x.grp.mem.fwd',
  'upstream-f90d4ad/x.grp.mem.fwd with member chat version range and w/t directConnReq',
  'upstream-f90d4ad/x.grp.mem.info',
  'upstream-f90d4ad/x.grp.mem.con',
  'upstream-f90d4ad/x.grp.mem.con.all',
  'upstream-f90d4ad/x.grp.mem.del',
  'upstream-f90d4ad/x.grp.leave',
  'upstream-f90d4ad/x.grp.del',
  'upstream-f90d4ad/x.grp.direct.inv',
  'upstream-f90d4ad/x.grp.direct.inv without content',
  'upstream-f90d4ad/x.info.probe',
  'upstream-f90d4ad/x.info.probe.check',
  'upstream-f90d4ad/x.info.probe.ok',
  'upstream-f90d4ad/x.ok',
  'upstream-copy-v19/x.msg.new chat message with chat version range',
  'upstream-copy-v19/x.msg.new report',
  'upstream-copy-v19/x.msg.update',
  'upstream-copy-v19/x.msg.del',
  'upstream-copy-v19/x.info',
  'upstream-copy-v19/x.info with empty full name',
  'upstream-copy-v19/x.contact with xContactId',
  'upstream-copy-v19/x.contact without XContactId',
  'upstream-copy-v19/x.contact with content null',
  'upstream-copy-v19/x.contact with content',
  'upstream-copy-v19/x.grp.inv',
  'upstream-copy-v19/x.grp.inv with group link id',
  'upstream-copy-v19/x.grp.acpt without incognito profile',
  'upstream-copy-v19/x.grp.mem.new',
  'upstream-copy-v19/x.grp.mem.new with member chat version range',
  'upstream-copy-v19/x.grp.mem.intro',
  'upstream-copy-v19/x.grp.mem.intro with member chat version range',
  'upstream-copy-v19/x.grp.mem.intro with member restrictions',
  'upstream-copy-v19/x.grp.mem.inv',
  'upstream-copy-v19/x.grp.mem.inv w/t directConnReq',
  'upstream-copy-v19/x.grp.mem.fwd',
  'upstream-copy-v19/x.grp.mem.fwd with member chat version range and w/t directConnReq',
  'upstream-copy-v19/x.grp.mem.info',
  'upstream-copy-v19/x.grp.mem.con',
  'upstream-copy-v19/x.grp.mem.con.all',
  'upstream-copy-v19/x.grp.mem.del',
  'upstream-copy-v19/x.grp.leave',
  'upstream-copy-v19/x.grp.del',
  'upstream-copy-v19/x.grp.direct.inv',
  'upstream-copy-v19/x.grp.direct.inv without content',
  'upstream-copy-v19/x.info.probe',
  'upstream-copy-v19/x.info.probe.check',
  'upstream-copy-v19/x.info.probe.ok',
  'upstream-copy-v19/x.ok',
  'upstream-rfc-2025-08-11/json-array-batch-of-two-x.msg.del',
  'upstream-doc/simplex-chat.md-example',
  'upstream-MessageBatching/binary-batch-a-b',
  'upstream-MessageBatching/binary-batch-bbb-ccc',
  'upstream-MessageBatching/binary-batch-a-b-c',
] as const;

type VectorName = (typeof NAMES)[number];

function vector(name: VectorName): ChatVector {
  const v = chatVectors.find((x) => x.name === name);
  if (!v) throw new Error(`no chat vector named ${name}`);
  return v;
}

/** Upstream's test encodes too: `#==#` ("both directions") or `##==##` ("full round-trip"). */
function encodesToo(v: ChatVector): boolean {
  return /both directions|full message round-trip/.test(v.notes);
}

const isBinaryBatch = (v: ChatVector) => v.event === '(binary batch framing)';

function decodeMessages(body: Uint8Array): ChatMessage[] {
  return decodeChatBody(body).map((item) => {
    if (!item.ok) throw item.error;
    if (item.element.kind !== 'message') throw new Error('expected a message');
    return item.element.message;
  });
}

const jsonValue = (bytes: Uint8Array): unknown => JSON.parse(fromUtf8(bytes));

const bytes = (...b: number[]) => Uint8Array.from(b);

/** Spot checks of decoded values, beyond the round trip. */
const CHECKS: Partial<Record<VectorName, (m: ChatMessage) => void>> = {
  'upstream-f90d4ad/x.msg.new chat message with chat version range': (m) => {
    expect(m.version).toEqual({ min: 1, max: 5 });
    expect(m.msgId).toEqual(bytes(1, 2, 3, 4));
  },
  'upstream-f90d4ad/x.msg.new quote': (m) => {
    if (m.event !== 'x.msg.new') throw new Error(m.event);
    expect(m.params.quote?.msgRef).toEqual({
      msgId: bytes(5, 6, 7, 8),
      sent: true,
      sentAt: '1970-01-01T00:00:01.000000001Z',
    });
  },
  'upstream-f90d4ad/x.msg.new forward - live message': (m) => {
    if (m.event !== 'x.msg.new') throw new Error(m.event);
    expect(m.params).toMatchObject({ forward: true, live: true });
  },
  'upstream-f90d4ad/x.msg.new simple text with file': (m) => {
    if (m.event !== 'x.msg.new') throw new Error(m.event);
    expect(m.params.file).toEqual({ fileName: 'photo.jpg', fileSize: 12345 });
  },
  'upstream-f90d4ad/x.contact with content (ignored)': (m) => {
    if (m.event !== 'x.contact') throw new Error(m.event);
    expect(m.params.requestMsg).toBeUndefined();
  },
  'upstream-f90d4ad/x.contact with content null': (m) => {
    if (m.event !== 'x.contact') throw new Error(m.event);
    expect(m.params.requestMsg).toBeUndefined();
    expect(m.params.profile.displayName).toBe('alice');
  },
  'upstream-copy-v19/x.contact with content': (m) => {
    if (m.event !== 'x.contact') throw new Error(m.event);
    expect(m.params.requestMsg).toEqual({
      msgId: bytes(1, 2, 3, 4),
      content: { type: 'text', text: 'hello' },
    });
  },
  'upstream-f90d4ad/x.grp.inv with group link id': (m) => {
    if (m.event !== 'x.grp.inv') throw new Error(m.event);
    const inv = m.params.groupInvitation;
    expect(inv.fromMember).toEqual({ memberId: bytes(1, 2, 3, 4), memberRole: 'admin' });
    expect(inv.invitedMember).toEqual({ memberId: bytes(5, 6, 7, 8), memberRole: 'member' });
    expect(inv.groupLinkId).toEqual(bytes(1, 2, 3, 4));
  },
  'upstream-copy-v19/x.grp.mem.intro with member chat version range': (m) => {
    if (m.event !== 'x.grp.mem.intro') throw new Error(m.event);
    expect(m.params.memberInfo.v).toEqual({ min: 1, max: 19 });
  },
  'upstream-copy-v19/x.grp.mem.intro with member restrictions': (m) => {
    if (m.event !== 'x.grp.mem.intro') throw new Error(m.event);
    expect(m.params.memberRestrictions).toEqual({ restriction: 'blocked' });
  },
  'upstream-f90d4ad/x.grp.mem.inv w/t directConnReq': (m) => {
    if (m.event !== 'x.grp.mem.inv') throw new Error(m.event);
    expect(m.params.memberIntro.directConnReq).toBeUndefined();
    expect(m.params.memberIntro.groupConnReq).toMatch(/^simplex:\/invitation#/);
  },
  'upstream-copy-v19/x.msg.new report': (m) => {
    if (m.event !== 'x.msg.new') throw new Error(m.event);
    expect(m.params.content).toEqual({ type: 'report', text: '', reason: 'spam' });
  },
  'upstream-f90d4ad/x.info.probe.check': (m) => {
    if (m.event !== 'x.info.probe.check') throw new Error(m.event);
    expect(m.params.probeHash).toEqual(bytes(1, 2, 3, 4));
  },
  'upstream-doc/simplex-chat.md-example': (m) => {
    // No "v": version range 1; "abcd" is 3 bytes (only a placeholder).
    expect(m.version).toEqual({ min: 1, max: 1 });
    expect(m.msgId).toEqual(bytes(0x69, 0xb7, 0x1d));
  },
};

describe('simplex-chat conformance vectors', () => {
  it('the list above names every chat vector once', () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
    expect([...NAMES].sort()).toEqual(chatVectors.map((v) => v.name).sort());
  });

  it.each(NAMES.filter((n) => !isBinaryBatch(vector(n))))('%s', (name) => {
    const v = vector(name);
    const body = utf8(v.json);
    const messages = decodeMessages(body);
    const expectedCount = v.json.startsWith('[') ? (JSON.parse(v.json) as unknown[]).length : 1;
    expect(messages).toHaveLength(expectedCount);
    for (const m of messages) expect(m.event).toBe(v.event);
    CHECKS[name]?.(messages[0]!);

    // Re-encoding is stable for every vector: our encoding decodes to the same values.
    const encoded = messages.map((m) => encodeChatMessage(m));
    expect(encoded.map((e) => decodeMessages(e)[0])).toEqual(messages);

    if (encodesToo(v)) expect(jsonValue(encoded[0]!)).toEqual(JSON.parse(v.json));
    if (messages.length > 1)
      expect(jsonValue(encodeJsonBatch(encoded))).toEqual(JSON.parse(v.json));
  });

  it.each(NAMES.filter((n) => isBinaryBatch(vector(n))))('%s', (name) => {
    const v = vector(name);
    const body = latin1(v.json);
    expect(toHex(body)).toBe(/Hex: ([0-9a-f]+)/.exec(v.notes)?.[1]);
    const elements = splitBinaryBatch(body);
    // The names spell the elements: binary-batch-a-b holds "a" and "b".
    expect(elements.map((e) => fromUtf8(e))).toEqual(name.split('binary-batch-')[1]!.split('-'));
    expect(encodeBinaryBatch(elements)).toEqual(body);
    // The placeholder elements are not real elements: each fails on its own, typed.
    const items = decodeChatBody(body);
    expect(items).toHaveLength(elements.length);
    for (const item of items) {
      expect(item.ok).toBe(false);
      if (!item.ok) expect(item.error.message).toMatch(/invalid element prefix/);
    }
  });
});
