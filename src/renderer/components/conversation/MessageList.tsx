// The history of a chat, virtualized: only the rows near the viewport are in the DOM, each row is
// measured as it renders (messages differ in height), and the list is anchored to its end, as a
// chat reads. It opens at the newest message; scrolling near the top asks for the page before,
// which is put in front without moving what is on screen; new messages scroll into view only if
// the reader was already at the bottom.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatItemView } from '../../../shared/models/chats';
import { dayLabel, sameDay } from '../../format/time';
import { markChatRenderedAfterPaint } from '../../perf/marks';
import type { ActionResult } from '../../store';
import { testIds } from '../../testIds';
import { ArrowDownIcon } from '../icons';
import { MessageBubble } from './MessageBubble';

export interface MessageListProps {
  readonly chatId: string;
  readonly contactName: string;
  /** Oldest first. */
  readonly items: readonly ChatItemView[];
  readonly hasMore: boolean;
  readonly loadingOlder: boolean;
  readonly onLoadOlder: () => void;
  readonly now: Date;
  readonly onEdit: (itemId: number, text: string) => Promise<ActionResult>;
  readonly onDelete: (itemId: number, forEveryone: boolean) => Promise<ActionResult>;
  readonly onReact: (itemId: number, emoji: string, add: boolean) => Promise<ActionResult>;
}

/** A row's height before it is measured: one line of text with its time. */
const ESTIMATED_ROW = 64;
/** Closer than this to the top, the page before is asked for. */
const LOAD_OLDER_WITHIN_PX = 400;
/** Closer than this to the bottom counts as "at the latest message". */
const AT_END_PX = 48;

export function MessageList(props: MessageListProps) {
  const { items, chatId, hasMore, loadingOlder, onLoadOlder } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [raisedId, setRaisedId] = useState<number | null>(null);
  /** Set once the list has been scrolled to the newest message for the first time. */
  const [started, setStarted] = useState(false);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    getItemKey: (index) => items[index]?.id ?? index,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_END_PX,
    overscan: 6,
    paddingStart: 8,
    paddingEnd: 8,
  });
  const rows = virtualizer.getVirtualItems();

  // Opens at the newest message, once, when the first rows exist.
  useLayoutEffect(() => {
    if (started || items.length === 0) return;
    virtualizer.scrollToEnd();
    setStarted(true);
    markChatRenderedAfterPaint(chatId);
  }, [started, items.length, virtualizer, chatId]);

  // The page before is asked for when the reader scrolls near the top (scroll events, not
  // renders: those come before the first scroll to the end has landed), or at once when all
  // that is loaded fits in the window and there is nothing to scroll.
  const canLoadOlder = started && hasMore && !loadingOlder;
  const fits = (el: HTMLElement): boolean => el.scrollHeight <= el.clientHeight;
  const onScroll = (): void => {
    const el = scroller.current;
    if (el && canLoadOlder && (fits(el) || el.scrollTop < LOAD_OLDER_WITHIN_PX)) onLoadOlder();
  };
  useEffect(() => {
    const el = scroller.current;
    if (el && canLoadOlder && fits(el)) onLoadOlder();
  }, [canLoadOlder, items.length, onLoadOlder]);

  return (
    <div className="message-list">
      <div
        ref={scroller}
        className="message-list__viewport"
        role="log"
        aria-label="Messages"
        // A scrollable region must be reachable by keyboard to be scrolled with it.
        tabIndex={0}
        data-testid={testIds.messageList}
        onScroll={onScroll}
      >
        <div className="message-list__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const previous = items[row.index - 1];
            const newDay = previous ? !sameDay(previous.sentAt, item.sentAt) : !hasMore;
            return (
              <div
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                className={`message-row${raisedId === item.id ? ' message-row--raised' : ''}`}
                style={{ transform: `translateY(${row.start}px)` }}
                data-testid={testIds.messageRow}
              >
                {newDay ? (
                  <p className="date-separator" data-testid={testIds.dateSeparator}>
                    <span>{dayLabel(item.sentAt, props.now)}</span>
                  </p>
                ) : null}
                <MessageBubble
                  item={item}
                  contactName={props.contactName}
                  editing={editingId === item.id}
                  onStartEdit={() => setEditingId(item.id)}
                  onEndEdit={() => setEditingId(null)}
                  onSaveEdit={(text) => props.onEdit(item.id, text)}
                  onDelete={(forEveryone) => props.onDelete(item.id, forEveryone)}
                  onReact={(emoji, add) => props.onReact(item.id, emoji, add)}
                  onMenuOpenChange={(open) => setRaisedId(open ? item.id : null)}
                />
              </div>
            );
          })}
        </div>
      </div>
      {/* Outside the scrolled content, so it moves nothing when it appears. */}
      <p className="message-list__older" role="status" data-testid={testIds.loadingOlder}>
        {loadingOlder ? 'Loading earlier messages…' : ''}
      </p>
      {started && !virtualizer.isAtEnd() ? (
        <button
          type="button"
          className="message-list__latest icon-button"
          aria-label="Jump to the latest message"
          title="Jump to the latest message"
          data-testid={testIds.jumpToLatest}
          onClick={() => virtualizer.scrollToEnd({ behavior: 'smooth' })}
        >
          <ArrowDownIcon />
        </button>
      ) : null}
    </div>
  );
}
