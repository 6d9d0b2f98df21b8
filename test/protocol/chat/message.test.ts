import { describe, expect, it } from 'vitest';
import { DecodeError, EncodeError, fromUtf8, utf8 } from '../../../src/protocol/encoding';
import {
  MAX_ENCODED_MSG_LENGTH,
  MessageTooLargeError,
  decodeChatMessage,
  encodeChatMessage,
  type ChatMessage,
  type MsgContent,
} from '../../../src/protocol/chat';

const decode = (json: unknown) => decodeChatMessage(utf8(JSON.stringify(json)));
interface Wire {
  v: string;
  msgId?: string;
  event: string;
  params: Record<string, unknown>;
}
const wire = (m: ChatMessage) => JSON.parse(fromUtf8(encodeChatMessage(m))) as Wire;
const msgNew = (params: Record<string, unknown>) => ({ v: '1', event: 'x.msg.new', params });
const text = { type: 'text', text: 'hi' };

function content(json: unknown): MsgContent {
  const m = decode(msgNew({ content: json }));
  if (m.event !== 'x.msg.new') throw new Error(m.event);
  return m.params.content;
}

function decodeError(json: unknown): string {
  try {
    decode(json);
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    return (e as Error).message;
  }
  throw new Error('decoded');
}

describe('the envelope', () => {
  it('reads a message without "v" as version 1 and always writes "v"', () => {
    const m = decode({ event: 'x.ok', params: {} });
    expect(m.version).toEqual({ min: 1, max: 1 });
    expect(wire(m)).toEqual({ v: '1', event: 'x.ok', params: {} });
  });

  it.each(['2-1', 'a', '1-', '-1', '70000', '1-2-3', ' 1', ''])('rejects version range %j', (v) => {
    expect(decodeError({ v, event: 'x.ok', params: {} })).toMatch(
      /^chat message: v: invalid version range/,
    );
  });

  it.each([
    [{ event: 'x.ok' }, /params/],
    [{ event: 'x.ok', params: [] }, /params: expected a JSON object/],
    [{ params: {} }, /event/],
    [{ event: 'msg.new', params: {} }, /invalid event tag/],
    [{ event: '', params: {} }, /invalid event tag/],
    [{ event: 'x.msg.new extra', params: {} }, /invalid event tag/],
    [[], /expected object/],
    ['x.ok', /expected object/],
  ])('rejects a malformed envelope %j', (json, error) => {
    expect(decodeError(json)).toMatch(error);
  });

  it('rejects bytes that are not UTF-8 or not JSON with a DecodeError', () => {
    expect(() => decodeChatMessage(Uint8Array.of(0x7b, 0xff, 0x7d))).toThrow(DecodeError);
    expect(() => decodeChatMessage(utf8('{"v":'))).toThrow(DecodeError);
  });

  it('ignores keys it does not know, and does not write them back', () => {
    const m = decode({
      v: '1',
      event: 'x.grp.mem.con',
      params: { memberId: 'AQ==', later: 1 },
      extra: true,
    });
    expect(wire(m)).toEqual({ v: '1', event: 'x.grp.mem.con', params: { memberId: 'AQ==' } });
  });

  it('treats null optional fields as absent', () => {
    const m = decode(msgNew({ content: text, ttl: null, quote: null, mentions: null }));
    expect(wire(m).params).toEqual({ content: text });
  });

  it('names the path of a bad field', () => {
    const json = { v: '1', event: 'x.grp.acpt', params: { memberId: 'AQ!=' } };
    expect(decodeError(json)).toBe('x.grp.acpt: memberId: invalid base64url');
    expect(decodeError(msgNew({ content: { type: 'image', text: '' } }))).toMatch(
      /^x.msg.new: content.image: /,
    );
  });

  it('rejects a body over the given limit with MessageTooLargeError', () => {
    const big: ChatMessage = {
      version: { min: 1, max: 1 },
      event: 'x.msg.new',
      params: { content: { type: 'text', text: 'a'.repeat(MAX_ENCODED_MSG_LENGTH) } },
    };
    expect(() => encodeChatMessage(big, MAX_ENCODED_MSG_LENGTH)).toThrow(MessageTooLargeError);
    expect(encodeChatMessage(big).length).toBeGreaterThan(MAX_ENCODED_MSG_LENGTH);
  });

  it('refuses to encode values the schema rejects', () => {
    const bad = (params: unknown) =>
      encodeChatMessage({ version: { min: 1, max: 1 }, event: 'x.member', params } as ChatMessage);
    const profile = { displayName: 'a', fullName: '' };
    expect(() =>
      bad({ profile, newMemberId: Uint8Array.of(1), newMemberKey: Uint8Array.of(1) }),
    ).toThrow(EncodeError);
    expect(() => bad({ profile, newMemberId: 'AQ==', newMemberKey: new Uint8Array(32) })).toThrow(
      EncodeError,
    );
  });
});

describe('binary ids', () => {
  const acpt = (memberId: string) => ({ v: '1', event: 'x.grp.acpt', params: { memberId } });

  it('reads padded and unpadded base64url of any length', () => {
    for (const s of ['AQ==', 'AQ', 'AQID', 'ZUd3bzVDTXFHWmc3Z29YSQ==', '-_8']) {
      const m = decode(acpt(s));
      expect(m.event === 'x.grp.acpt' && m.params.memberId.length).toBeGreaterThan(0);
    }
    const m = decode(acpt('-_8'));
    expect(m.event === 'x.grp.acpt' && m.params.memberId).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(wire(m).params).toEqual({ memberId: '-_8=' });
  });

  it.each(['', 'AR==', 'A', '+/8=', 'AQ===', 'AQ==AQ==', 'A Q=='])('rejects %j', (s) => {
    expect(decodeError(acpt(s))).toMatch(/^x.grp.acpt: memberId: /);
  });

  it('reads member keys from X.509 and rejects other keys', () => {
    const x25519 = 'MCowBQYDK2VuAyEAjiswwI3O_NlS8Fk3HJUW870EY2bAwmttMBsvRB9eV3o=';
    const params = { profile: { displayName: 'a', fullName: '' }, newMemberId: 'AQ==' };
    expect(
      decodeError({ v: '1', event: 'x.member', params: { ...params, newMemberKey: x25519 } }),
    ).toMatch(/newMemberKey: not an ed25519 SubjectPublicKeyInfo/);
    const ed = 'MCowBQYDK2VwAyEA' + 'A'.repeat(43) + '=';
    const m = decode({ v: '1', event: 'x.member', params: { ...params, newMemberKey: ed } });
    expect(m.event === 'x.member' && m.params.newMemberKey).toEqual(new Uint8Array(32));
    expect(wire(m).params).toMatchObject({ newMemberKey: ed });
  });
});

describe('message content', () => {
  it('keeps unknown content types verbatim, with their text or a placeholder', () => {
    const poll = { type: 'poll', text: 'lunch?', options: ['a', 'b'], nested: { n: null } };
    expect(content(poll)).toEqual({ type: 'unknown', tag: 'poll', text: 'lunch?', json: poll });
    expect(content({ type: 'sticker' })).toMatchObject({ text: 'unknown message type' });
    const m = decode(msgNew({ content: poll }));
    expect(wire(m).params).toEqual({ content: poll });
  });

  it('rejects a known content type with missing fields, and content without a type', () => {
    expect(decodeError(msgNew({ content: { type: 'text' } }))).toMatch(/content.text/);
    expect(decodeError(msgNew({ content: { text: 'a' } }))).toMatch(/content.type: missing "type"/);
    expect(decodeError(msgNew({ content: 'hi' }))).toMatch(/content: expected a JSON object/);
  });

  it('drops unknown keys of known content types, as upstream does', () => {
    expect(content({ type: 'text', text: 'a', format: 'md' })).toEqual({ type: 'text', text: 'a' });
  });

  it('keeps unknown report reasons and link content types', () => {
    expect(content({ type: 'report', text: '', reason: 'illegal' })).toMatchObject({
      reason: 'illegal',
    });
    const preview = { uri: 'u', title: 't', description: 'd', image: 'i' };
    const withContent = (c: unknown) =>
      content({ type: 'link', text: '', preview: { ...preview, content: c } });
    expect(withContent({ type: 'page' })).toMatchObject({ preview: { content: { type: 'page' } } });
    expect(withContent({ type: 'audio', x: 1 })).toMatchObject({
      preview: { content: { type: 'unknown', tag: 'audio', json: { type: 'audio', x: 1 } } },
    });
    // A known link content type that does not parse is kept too (upstream is lenient here).
    expect(withContent({ type: 'video', duration: 'long' })).toMatchObject({
      preview: { content: { type: 'unknown', tag: 'video' } },
    });
  });

  it('reads the legacy object form of "forward" as true and omits false', () => {
    const fwd = (forward: unknown) => decode(msgNew({ content: text, forward }));
    expect(wire(fwd({ from: 'link' })).params).toMatchObject({ forward: true });
    expect(wire(fwd(true)).params).toMatchObject({ forward: true });
    expect(wire(fwd(false)).params).not.toHaveProperty('forward');
    expect(decodeError(msgNew({ content: text, forward: 'yes' }))).toMatch(/forward/);
  });

  it('does not write empty mentions', () => {
    expect(wire(decode(msgNew({ content: text, mentions: {} }))).params).toEqual({ content: text });
  });

  it('checks timestamps', () => {
    const quote = (sentAt: string) => ({
      content: text,
      quote: { content: text, msgRef: { sent: true, sentAt } },
    });
    expect(() => decode(msgNew(quote('2024-01-02T03:04:05+01:00')))).not.toThrow();
    expect(decodeError(msgNew(quote('yesterday')))).toMatch(/quote.msgRef.sentAt/);
  });
});

describe('reactions', () => {
  const react = (reaction: unknown) => {
    const m = decode({
      v: '1',
      event: 'x.msg.react',
      params: { msgId: 'AQ==', reaction, add: true },
    });
    if (m.event !== 'x.msg.react') throw new Error(m.event);
    return m.params.reaction;
  };

  it('knows the upstream emoji', () => {
    expect(react({ type: 'emoji', emoji: '👍' })).toEqual({ type: 'emoji', emoji: '👍' });
  });

  it('keeps other emoji and other reaction types as unknown', () => {
    const heart = { type: 'emoji', emoji: '❤️' }; // two code points: not upstream's single char
    expect(react(heart)).toEqual({ type: 'unknown', tag: 'emoji', json: heart });
    expect(react({ type: 'sticker', id: 3 })).toMatchObject({ type: 'unknown', tag: 'sticker' });
  });
});

describe('roles', () => {
  it('keeps an unknown role verbatim', () => {
    const m = decode({
      v: '1',
      event: 'x.grp.mem.role',
      params: { memberId: 'AQ==', role: 'curator' },
    });
    expect(m.event === 'x.grp.mem.role' && m.params.role).toBe('curator');
    expect(wire(m).params).toMatchObject({ role: 'curator' });
  });
});
