// Performance marks for "time to first render of a chat" (bench/ui-first-render.ts reads them):
// `chat-open` when a chat is chosen, `chat-first-render` once its first rows have been painted.
// Only the latest of each is kept, so the buffer does not grow with every chat opened.

import { CHAT_FIRST_RENDER_MARK, CHAT_OPEN_MARK } from './names';

function mark(name: string, chatId: string): void {
  // Absent in some test environments; a missing mark must never break the app.
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(name);
  performance.mark(name, { detail: { chatId } });
}

export function markChatOpened(chatId: string): void {
  mark(CHAT_OPEN_MARK, chatId);
}

/** Marks after the next paint: the frame that shows the rows has been drawn by then. */
export function markChatRenderedAfterPaint(chatId: string): void {
  if (typeof requestAnimationFrame !== 'function') return mark(CHAT_FIRST_RENDER_MARK, chatId);
  // The first callback runs before the frame is painted, the second one in the frame after it.
  requestAnimationFrame(() => requestAnimationFrame(() => mark(CHAT_FIRST_RENDER_MARK, chatId)));
}
