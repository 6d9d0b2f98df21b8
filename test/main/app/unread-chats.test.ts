import { describe, expect, it } from 'vitest';
import { UnreadChats } from '../../../src/main/app/unread-chats';
import type { ChatSummary } from '../../../src/shared/models/chats';

function chat(id: string, unreadCount: number, muted = false): ChatSummary {
  return {
    id,
    type: 'direct',
    title: `chat ${id}`,
    image: null,
    ready: true,
    lastItem: null,
    unreadCount,
    muted,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function book() {
  const totals: number[] = [];
  return { chats: new UnreadChats((n) => totals.push(n)), totals };
}

describe('unread chats', () => {
  it('counts unread messages of chats that are not muted', () => {
    const { chats, totals } = book();
    chats.seed([chat('@1', 2), chat('@2', 3, true), chat('@3', 1)], chats.mark());
    expect(chats.total).toBe(3);
    expect(chats.isMuted('@2')).toBe(true);
    expect(chats.isMuted('@1')).toBe(false);
    expect(chats.isMuted('@9')).toBe(false);

    chats.update(chat('@2', 3, false));
    chats.update(chat('@1', 0));
    chats.remove('@3');
    expect(totals).toEqual([3, 6, 4, 3]);
  });

  it('tells the tray only when the number changes', () => {
    const { chats, totals } = book();
    chats.update(chat('@1', 1));
    chats.update(chat('@1', 1));
    chats.update(chat('@2', 0));
    expect(totals).toEqual([1]);
  });

  it('keeps what events said after the list was asked for', () => {
    const { chats } = book();
    const asOf = chats.mark();
    // While chats.list is on its way: a new message in @1, @2 removed, @3 new.
    chats.update(chat('@1', 5));
    chats.remove('@2');
    chats.update(chat('@3', 1));
    chats.seed([chat('@1', 4), chat('@2', 7)], asOf);
    expect(chats.total).toBe(6);

    // A later list is the truth again: @3 is gone, @1 read.
    chats.seed([chat('@1', 0)], chats.mark());
    expect(chats.total).toBe(0);
  });
});
