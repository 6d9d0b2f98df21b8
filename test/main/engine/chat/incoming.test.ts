import { describe, expect, it } from 'vitest';
import { reactionEmoji, storedContent } from '../../../../src/main/engine/chat/incoming';
import { MsgContent, MsgReaction } from '../../../../src/protocol/chat';

describe('incoming content', () => {
  it('stores known content by type and unknown content by its tag, with the text shown', () => {
    expect(storedContent({ type: 'text', text: 'hi' })).toEqual({
      contentType: 'text',
      contentJson: '{"type":"text","text":"hi"}',
      text: 'hi',
    });
    const future = MsgContent.parse({ type: 'hologram', text: 'look', depth: 3 });
    const stored = storedContent(future);
    expect(stored.contentType).toBe('hologram');
    expect(stored.text).toBe('look');
    expect(JSON.parse(stored.contentJson)).toEqual({ type: 'hologram', text: 'look', depth: 3 });
  });

  it('shows known and unknown emoji reactions, and nothing for other kinds', () => {
    expect(reactionEmoji(MsgReaction.parse({ type: 'emoji', emoji: '👍' }))).toBe('👍');
    expect(reactionEmoji(MsgReaction.parse({ type: 'emoji', emoji: '❤️' }))).toBe('❤️');
    expect(reactionEmoji(MsgReaction.parse({ type: 'sticker', id: 5 }))).toBeNull();
    expect(reactionEmoji(MsgReaction.parse({ type: 'emoji', emoji: 'x'.repeat(40) }))).toBeNull();
  });
});
