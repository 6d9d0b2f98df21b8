import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../../../src/protocol/encoding';
import {
  EVENT_PARAMS,
  decodeChatMessage,
  encodeChatMessage,
  isForwardedEvent,
  isSignableContent,
  requiresSignature,
  type ChatMessage,
} from '../../../src/protocol/chat';
import { ALL_SAMPLES, FORWARD_SAMPLES, KNOWN_SAMPLES, UNKNOWN_SAMPLE } from './samples';

interface Wire {
  v: string;
  msgId?: string;
  event: string;
  params: Record<string, unknown>;
}
const wire = (m: ChatMessage) => JSON.parse(fromUtf8(encodeChatMessage(m))) as Wire;
const decode = (json: unknown) => decodeChatMessage(utf8(JSON.stringify(json)));

describe('chat events', () => {
  it('has a sample for every known event', () => {
    expect(KNOWN_SAMPLES.map((m) => m.event).sort()).toEqual(Object.keys(EVENT_PARAMS).sort());
  });

  it.each(ALL_SAMPLES.map((m) => [m.event === 'unknown' ? m.tag : m.event, m] as const))(
    '%s survives encode and decode',
    (_, message) => {
      const body = encodeChatMessage(message);
      expect(body).not.toContain(0x20); // no whitespace outside strings (none of the samples has a space)
      expect(decodeChatMessage(body)).toEqual(message);
    },
  );

  it('writes binary ids as padded base64url and member keys as X.509', () => {
    const m = KNOWN_SAMPLES.find((s) => s.event === 'x.grp.mem.intro')!;
    const json = wire(m);
    expect(json).toMatchObject({ v: '1-17', msgId: 'ECAw', event: 'x.grp.mem.intro' });
    const info = json.params.memberInfo as { memberId: string; v: string; memberKey: string };
    expect([info.memberId, info.v]).toEqual(['AQIDBA==', '1-17']);
    expect(info.memberKey).toMatch(/^MCowBQYDK2VwAyEA/);
  });

  it('writes flags only when set, as upstream does', () => {
    const del = (messages?: boolean) =>
      wire({
        version: { min: 1, max: 1 },
        event: 'x.grp.mem.del',
        params: { memberId: Uint8Array.of(1), messages },
      });
    expect(del(true).params).toEqual({ memberId: 'AQ==', messages: true });
    expect(del(false).params).toEqual({ memberId: 'AQ==' });
    expect(del().params).toEqual({ memberId: 'AQ==' });
  });

  it('reads x.grp.mem.del "messages" leniently: anything but true is false', () => {
    const m = decode({
      v: '1',
      event: 'x.grp.mem.del',
      params: { memberId: 'AQ==', messages: 'yes' },
    });
    expect(m.event === 'x.grp.mem.del' && m.params.messages).toBeFalsy();
  });

  it('writes the forward sender of a member and leaves it out for the channel', () => {
    const [member, channel] = FORWARD_SAMPLES.map(wire);
    expect(member!.params).toMatchObject({
      memberId: 'AQIDBA==',
      memberName: 'alice',
      msgTs: '2024-05-06T07:08:09Z',
    });
    expect(member!.params.msg).toMatchObject({ v: '1-16', msgId: 'Kg==', event: 'x.msg.new' });
    expect(Object.keys(channel!.params).sort()).toEqual(['msg', 'msgTs']);
  });

  it('reads a forward without memberName as a member with an empty name', () => {
    const m = decode({
      v: '1',
      event: 'x.grp.msg.forward',
      params: {
        memberId: 'AQ==',
        msg: { v: '1', event: 'x.grp.leave', params: {} },
        msgTs: '2024-01-01T00:00:00Z',
      },
    });
    expect(m.event === 'x.grp.msg.forward' && m.params.sender).toEqual({
      kind: 'member',
      memberId: Uint8Array.of(1),
      memberName: '',
    });
  });

  it('rejects a forward inside a forward, both ways', () => {
    const inner = { v: '1', event: 'x.grp.leave', params: {} };
    const fwd = (msg: unknown) => ({
      v: '1',
      event: 'x.grp.msg.forward',
      params: { msg, msgTs: '2024-01-01T00:00:00Z' },
    });
    expect(() => decode(fwd(fwd(inner)))).toThrow(/x.grp.msg.forward inside x.grp.msg.forward/);
    const nested = {
      ...FORWARD_SAMPLES[1]!,
      params: { ...FORWARD_SAMPLES[1]!.params, msg: FORWARD_SAMPLES[0]! },
    } as ChatMessage;
    expect(() => encodeChatMessage(nested)).toThrow(/inside/);
  });

  it('keeps an unknown event with its tag and params', () => {
    expect(wire(UNKNOWN_SAMPLE)).toEqual({
      v: '1-30',
      event: 'x.future.thing',
      params: UNKNOWN_SAMPLE.params,
    });
    const m = decode({
      v: '1',
      event: 'x.call.inv',
      params: { callId: 'abc', invitation: { x: null } },
    });
    expect(m).toMatchObject({
      event: 'unknown',
      tag: 'x.call.inv',
      params: { callId: 'abc', invitation: { x: null } },
    });
  });

  it('does not send a known or malformed tag as an unknown event', () => {
    for (const tag of ['x.msg.new', 'x.grp.msg.forward', 'y.thing', 'x.a b']) {
      expect(() => encodeChatMessage({ ...UNKNOWN_SAMPLE, tag } as ChatMessage)).toThrow(
        /cannot be sent/,
      );
    }
  });

  it('classifies forwarded and signed events as upstream does', () => {
    const byTag = (tag: string) => ALL_SAMPLES.find((m) => m.event === tag)!;
    expect(isForwardedEvent(byTag('x.msg.react'))).toBe(true);
    expect(isForwardedEvent(byTag('x.grp.mem.intro'))).toBe(false);
    expect(isForwardedEvent(byTag('x.grp.msg.forward'))).toBe(false);
    // x.msg.new carries an inline file offer in the sample: not forwarded.
    expect(isForwardedEvent(byTag('x.msg.new'))).toBe(false);
    expect(requiresSignature(byTag('x.grp.info'))).toBe(true);
    expect(requiresSignature(byTag('x.msg.new'))).toBe(false);
    expect(isSignableContent(byTag('x.msg.update'))).toBe(true);
    expect(isForwardedEvent(UNKNOWN_SAMPLE)).toBe(false);
  });
});
