import { describe, expect, it } from 'vitest';
import { insertDelivery } from '../../../../../src/main/engine/chat/store/deliveries';
import {
  canAdvance,
  failUndeliveredItems,
  getItem,
  insertItem,
  pageItems,
  type NewItem,
} from '../../../../../src/main/engine/chat/store/items';
import { useTempDirs } from '../../../../support/temp-dir';
import { NOW, bytes, chatStore } from '../support';

const tempDir = useTempDirs();

describe('chat items store', () => {
  it('lets sent statuses move forward only, and fail only before delivery', () => {
    expect(canAdvance('sending', 'sent')).toBe(true);
    expect(canAdvance('sending', 'delivered')).toBe(true);
    expect(canAdvance('sent', 'delivered')).toBe(true);
    expect(canAdvance('delivered', 'sent')).toBe(false);
    expect(canAdvance('sent', 'sent')).toBe(false);
    expect(canAdvance('sent', 'error')).toBe(true);
    expect(canAdvance('delivered', 'error')).toBe(false);
    expect(canAdvance('error', 'sent')).toBe(false);
    expect(canAdvance('received', 'sent')).toBe(false);
  });

  it('pages from the newest backwards, oldest first within a page', async () => {
    const store = await chatStore(tempDir());
    const { chatRowId } = await store.contact('c1');
    const item = (i: number): NewItem => ({
      chatId: chatRowId,
      direction: 'rcv',
      sharedMsgId: bytes(`m${i}`),
      contentType: 'text',
      contentJson: '{}',
      text: `t${i}`,
      sentAt: NOW,
      status: 'received',
    });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await store.db.transaction((tx) => insertItem(tx, item(i), NOW)))!);
    expect(await store.db.transaction((tx) => insertItem(tx, item(2), NOW))).toBeNull();

    const newest = await pageItems(store.db, chatRowId, undefined, 2);
    expect(newest.items.map((i) => i.text)).toEqual(['t3', 't4']);
    expect(newest.hasMore).toBe(true);
    const rest = await pageItems(store.db, chatRowId, ids[3], 10);
    expect(rest.items.map((i) => i.text)).toEqual(['t0', 't1', 't2']);
    expect(rest.hasMore).toBe(false);
    await store.db.close();
  });

  it('fails sent items that never reached the agent, and only those', async () => {
    const store = await chatStore(tempDir());
    const { chatRowId } = await store.contact('c1');
    const sending = (id: string) =>
      store.db.transaction((tx) =>
        insertItem(
          tx,
          {
            chatId: chatRowId,
            direction: 'snd',
            sharedMsgId: bytes(id),
            contentType: 'text',
            contentJson: '{}',
            text: id,
            sentAt: NOW,
            status: 'sending',
          },
          NOW,
        ),
      );
    const handedOver = (await sending('a'))!;
    const stranded = (await sending('b'))!;
    await store.db.transaction((tx) => insertDelivery(tx, 'c1', 7, handedOver));
    expect(await store.db.transaction((tx) => failUndeliveredItems(tx, 'stopped'))).toEqual([
      stranded,
    ]);
    expect(await getItem(store.db, stranded)).toMatchObject({ status: 'error', error: 'stopped' });
    expect((await getItem(store.db, handedOver))?.status).toBe('sending');
    await store.db.close();
  });
});
