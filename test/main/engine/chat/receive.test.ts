// The receive path against a real store: what each event does, and that bad input is skipped
// without costing the rest of the message or anything stored.
import { describe, expect, it } from 'vitest';
import { applyReceived } from '../../../../src/main/engine/chat/receive';
import { silentLogger } from '../../../../src/main/engine/log';
import { getContact } from '../../../../src/main/engine/chat/store/contacts';
import { getChat } from '../../../../src/main/engine/chat/store/chats';
import { pageItems } from '../../../../src/main/engine/chat/store/items';
import { reactionCounts } from '../../../../src/main/engine/chat/store/reactions';
import { useTempDirs } from '../../../support/temp-dir';
import { NOW, body, bytes, chatStore, type ChatStore } from './support';

const tempDir = useTempDirs();
const brokerTs = new Date('2026-02-03T04:00:00.000Z');

function receive(store: ChatStore, connId: string, raw: Uint8Array) {
  return applyReceived(store.db, silentLogger, NOW, { connId, body: raw, brokerTs });
}

const text = (t: string) => ({ type: 'text', text: t }) as const;

describe('chat receive path', () => {
  it('stores a new message once, dated by the server, unread, with a receipt due', async () => {
    const store = await chatStore(tempDir());
    const { chatRowId } = await store.contact('c1');
    const msg = body({ event: 'x.msg.new', params: { content: text('hello') } }, bytes('m1'));

    const first = await receive(store, 'c1', msg);
    expect(first).toMatchObject({ known: true, receipt: true });
    expect(first.changes.addedItems).toHaveLength(1);
    // Delivered again (a crash before the ACK): absorbed, but the receipt is still due.
    const again = await receive(store, 'c1', msg);
    expect(again).toMatchObject({ known: true, receipt: true });
    expect(again.changes.addedItems).toEqual([]);

    const { items } = await pageItems(store.db, chatRowId, undefined, 10);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      direction: 'rcv',
      text: 'hello',
      contentType: 'text',
      sentAt: brokerTs.toISOString(),
      status: 'received',
    });
    expect((await getChat(store.db, chatRowId))?.unreadCount).toBe(1);
    await store.db.close();
  });

  it('skips undecodable and unexpected messages, keeping the good ones of a batch', async () => {
    const store = await chatStore(tempDir());
    const { chatRowId } = await store.contact('c1');
    const good = new TextDecoder().decode(
      body({ event: 'x.msg.new', params: { content: text('kept') } }, bytes('m2')),
    );
    const batch = bytes(
      `[{"v":"1","event":"x.msg.new","params":{}},${good},{"event":"x.unknown.thing","params":{}}]`,
    );
    const result = await receive(store, 'c1', batch);
    expect(result.known).toBe(true);
    expect(result.changes.addedItems).toHaveLength(1);

    for (const bad of [bytes('not json'), new Uint8Array(0), bytes('{"event":"nope"}')]) {
      const r = await receive(store, 'c1', bad);
      expect(r).toMatchObject({ known: true, receipt: false });
    }
    // Group events have no meaning in a direct chat.
    await receive(store, 'c1', body({ event: 'x.grp.leave', params: {} }));
    const { items } = await pageItems(store.db, chatRowId, undefined, 10);
    expect(items.map((i) => i.text)).toEqual(['kept']);
    await store.db.close();
  });

  it('ignores messages on connections it does not know', async () => {
    const store = await chatStore(tempDir());
    const r = await receive(
      store,
      'nobody',
      body({ event: 'x.msg.new', params: { content: text('x') } }, bytes('m')),
    );
    expect(r).toMatchObject({ known: false, receipt: false, followUps: [] });
    await store.db.close();
  });

  it('applies only the author’s edits and deletions, and reactions to either side', async () => {
    const store = await chatStore(tempDir());
    const { contactId, chatRowId } = await store.contact('c1');
    await receive(
      store,
      'c1',
      body({ event: 'x.msg.new', params: { content: text('v1') } }, bytes('m1')),
    );
    // Our own message with the same shared id: the contact may not edit it.
    await store.db.run(
      `INSERT INTO chat_items (chat_id, direction, shared_msg_id, content_type, content_json, text,
         sent_at, created_at, status) VALUES (?, 'snd', ?, 'text', '{}', 'mine', ?, ?, 'sent')`,
      [chatRowId, bytes('m9'), NOW, NOW],
    );
    await receive(
      store,
      'c1',
      body({ event: 'x.msg.update', params: { msgId: bytes('m9'), content: text('hacked') } }),
    );
    await receive(store, 'c1', body({ event: 'x.msg.del', params: { msgId: bytes('m9') } }));
    await receive(
      store,
      'c1',
      body({ event: 'x.msg.update', params: { msgId: bytes('m1'), content: text('v2') } }),
    );
    const react = (msgId: string, emoji: '👍' | '❤', add: boolean) =>
      receive(
        store,
        'c1',
        body({
          event: 'x.msg.react',
          params: { msgId: bytes(msgId), reaction: { type: 'emoji', emoji }, add },
        }),
      );
    await react('m9', '❤', true);
    await react('m1', '👍', true);
    await react('m1', '👍', true);

    let { items } = await pageItems(store.db, chatRowId, undefined, 10);
    expect(items.map((i) => [i.direction, i.text, i.editedAt !== null, i.deleted])).toEqual([
      ['rcv', 'v2', true, false],
      ['snd', 'mine', false, false],
    ]);
    expect(
      await reactionCounts(
        store.db,
        items.map((i) => i.id),
      ),
    ).toEqual([
      { itemId: items[0]!.id, emoji: '👍', count: 1, mine: false },
      { itemId: items[1]!.id, emoji: '❤', count: 1, mine: false },
    ]);

    await receive(store, 'c1', body({ event: 'x.msg.del', params: { msgId: bytes('m1') } }));
    ({ items } = await pageItems(store.db, chatRowId, undefined, 10));
    expect(items[0]).toMatchObject({ deleted: true, text: '', status: 'read' });
    expect((await getChat(store.db, chatRowId))?.unreadCount).toBe(0);
    expect((await getContact(store.db, contactId))?.status).toBe('active');
    await store.db.close();
  });

  it('applies profile updates and the contact’s deletion, and tracks the peer’s version', async () => {
    const store = await chatStore(tempDir());
    const { contactId } = await store.contact('c1');
    const updated = await receive(
      store,
      'c1',
      body({
        event: 'x.info',
        params: { profile: { displayName: 'robert', fullName: 'Bob', image: 'https://tracker' } },
      }),
    );
    expect([...updated.changes.contacts]).toEqual([contactId]);
    expect(await getContact(store.db, contactId)).toMatchObject({
      displayName: 'robert',
      fullName: 'Bob',
      // Only inline images are kept: a URL would let the peer see when we look.
      image: null,
      chatVersion: { min: 1, max: 17 },
    });

    const deleted = await receive(store, 'c1', body({ event: 'x.direct.del', params: {} }));
    expect(deleted.followUps).toEqual([{ kind: 'deleteConn', connId: 'c1' }]);
    expect(await getContact(store.db, contactId)).toMatchObject({
      status: 'deleted',
      connId: null,
    });
    const pending = await store.db.all('SELECT agent_conn_id FROM chat_conn_deletions');
    expect(pending).toEqual([{ agent_conn_id: 'c1' }]);
    await store.db.close();
  });
});
