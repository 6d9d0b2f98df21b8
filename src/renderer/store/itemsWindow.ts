// The loaded part of one chat's history: a contiguous run of items ending at the newest, grown
// backwards page by page. Pure functions, so paging and event application are tested directly.
import type { ChatItemView, ChatItemsPage } from '../../shared/models/chats';

export interface ItemsWindow {
  /** Oldest first, by item id (the engine's row ids grow with time within a chat). */
  readonly items: readonly ChatItemView[];
  /** Whether older items exist before the first one loaded. */
  readonly hasMore: boolean;
  /** The newest page: loading the first time, then ready (refreshes keep it ready). */
  readonly status: 'loading' | 'ready' | 'error';
  readonly loadingOlder: boolean;
  /** Why the newest or an older page could not be read. */
  readonly error: string | null;
}

export const LOADING_WINDOW: ItemsWindow = {
  items: [],
  hasMore: false,
  status: 'loading',
  loadingOlder: false,
  error: null,
};

/** Both runs merged by id; where both have an item, `incoming`'s copy wins. */
export function mergeItems(
  current: readonly ChatItemView[],
  incoming: readonly ChatItemView[],
): ChatItemView[] {
  const last = current[current.length - 1];
  // The common case, a live item after the newest, needs no sort.
  if (incoming.length === 1 && (!last || incoming[0]!.id > last.id)) {
    return [...current, incoming[0]!];
  }
  const byId = new Map<number, ChatItemView>();
  for (const item of current) byId.set(item.id, item);
  for (const item of incoming) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * Applies the newest page. It joins what is loaded when the two overlap; when it starts after the
 * newest loaded item and older ones exist (items were missed while disconnected), it replaces
 * the window, so that the window never has a hole in it.
 */
export function withNewestPage(window: ItemsWindow | undefined, page: ChatItemsPage): ItemsWindow {
  const loaded = window?.items ?? [];
  const newestLoaded = loaded[loaded.length - 1];
  const oldestOfPage = page.items[0];
  const gap =
    newestLoaded !== undefined &&
    oldestOfPage !== undefined &&
    oldestOfPage.id > newestLoaded.id &&
    page.hasMore;
  const joined = loaded.length > 0 && window?.status === 'ready' && !gap;
  return {
    items: mergeItems(gap ? [] : loaded, page.items),
    hasMore: joined ? window.hasMore : page.hasMore,
    status: 'ready',
    loadingOlder: false,
    error: null,
  };
}

/** Puts an older page in front of what is loaded. */
export function withOlderPage(window: ItemsWindow, page: ChatItemsPage): ItemsWindow {
  return {
    ...window,
    items: mergeItems(page.items, window.items),
    hasMore: page.hasMore,
    loadingOlder: false,
    error: null,
  };
}

/** A new or changed item: added if new, replaced in place if loaded. */
export function withItem(window: ItemsWindow, item: ChatItemView): ItemsWindow {
  const oldest = window.items[0];
  // Older than the window and not the oldest of the chat: it belongs to a page not loaded yet.
  if (oldest && window.hasMore && item.id < oldest.id) return window;
  return { ...window, items: mergeItems(window.items, [item]) };
}

/** A changed item: replaced where it is; an item outside the loaded window is not ours to show. */
export function withUpdatedItem(window: ItemsWindow, item: ChatItemView): ItemsWindow {
  const index = window.items.findIndex((i) => i.id === item.id);
  if (index < 0) return window;
  const items = [...window.items];
  items[index] = item;
  return { ...window, items };
}
