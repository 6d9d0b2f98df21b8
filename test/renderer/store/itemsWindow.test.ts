import { describe, expect, it } from 'vitest';
import {
  LOADING_WINDOW,
  mergeItems,
  withItem,
  withNewestPage,
  withOlderPage,
  withUpdatedItem,
  type ItemsWindow,
} from '../../../src/renderer/store/itemsWindow';
import { ids, item, items } from '../support/items';

const ready = (from: number, to: number, hasMore = true): ItemsWindow => ({
  ...LOADING_WINDOW,
  status: 'ready',
  items: items(from, to),
  hasMore,
});

describe('a chat’s loaded window', () => {
  it('merges by id, oldest first, the incoming copy winning', () => {
    const merged = mergeItems(items(3, 5), [item(4, { text: 'edited' }), item(1), item(6)]);
    expect(ids(merged)).toEqual([1, 3, 4, 5, 6]);
    expect(merged[2]!.text).toBe('edited');
  });

  it('takes the newest page first, then older pages in front of it', () => {
    let w = withNewestPage(LOADING_WINDOW, { items: items(51, 100), hasMore: true });
    expect(w).toMatchObject({ status: 'ready', hasMore: true, loadingOlder: false });
    expect(ids(w.items)).toEqual(ids(items(51, 100)));

    w = withOlderPage({ ...w, loadingOlder: true }, { items: items(1, 50), hasMore: false });
    expect(ids(w.items)).toEqual(ids(items(1, 100)));
    expect(w).toMatchObject({ hasMore: false, loadingOlder: false });
  });

  it('joins a refreshed newest page that overlaps, keeping the older pages and their paging', () => {
    const w = withNewestPage(ready(1, 100), { items: items(61, 110), hasMore: true });
    expect(ids(w.items)).toEqual(ids(items(1, 110)));
    expect(w.hasMore).toBe(true);
  });

  it('replaces the window when the newest page leaves a hole after what is loaded', () => {
    const w = withNewestPage(ready(1, 100, false), { items: items(151, 200), hasMore: true });
    expect(ids(w.items)).toEqual(ids(items(151, 200)));
    expect(w.hasMore).toBe(true);
  });

  it('keeps items that arrived while the first page was loading', () => {
    const loading = withItem(LOADING_WINDOW, item(101));
    const w = withNewestPage(loading, { items: items(52, 100), hasMore: true });
    expect(ids(w.items)).toEqual(ids(items(52, 101)));
  });

  it('applies a new item once, however often it is announced', () => {
    const once = withItem(ready(1, 10), item(11));
    const twice = withItem(once, item(11));
    expect(ids(twice.items)).toEqual(ids(once.items));
    expect(ids(once.items)).toEqual(ids(items(1, 11)));
  });

  it('does not put an item of an unloaded older page into the window', () => {
    const w = ready(51, 100);
    expect(withItem(w, item(7))).toBe(w);
    // ...but the oldest page has nothing before it, so there it belongs.
    expect(ids(withItem(ready(51, 100, false), item(7)).items)[0]).toBe(7);
  });

  it('updates an item in place, and ignores updates of items not loaded', () => {
    const w = ready(1, 5);
    const updated = withUpdatedItem(w, item(3, { status: 'error', error: 'refused' }));
    expect(ids(updated.items)).toEqual([1, 2, 3, 4, 5]);
    expect(updated.items[2]).toMatchObject({ status: 'error', error: 'refused' });
    expect(withUpdatedItem(w, item(99))).toBe(w);
  });
});
