// The chat slices against the fake engine, through the real api client: loading, paging, events
// (applied once however often they come) and the actions people take.
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../../src/renderer/store/itemsSlice';
import { connectedStore } from '../support/app';
import { FakeEngine } from '../support/fakeEngine';
import { ids, summary } from '../support/items';
import { until } from '../support/until';

async function ready(engine = new FakeEngine()) {
  const harness = connectedStore(engine);
  await until(
    harness.store,
    (s) => s.chatsLoad.status === 'ready' && s.contactsLoad.status === 'ready',
  );
  return harness;
}

describe('chats', () => {
  it('lists chats, most recently active first, and follows updates and removals', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    const bob = engine.chats.addContact('Bob');
    engine.chats.seedItems(alice.chatId, 2, Date.parse('2025-02-01T00:00:00Z'));
    const { store } = await ready(engine);
    expect(store.getState().chats.map((c) => c.title)).toEqual(['Alice', 'Bob']);

    engine.emit(
      'chats.updated',
      summary(bob.chatId, { title: 'Bob', updatedAt: '2025-03-01T00:00:00Z' }),
    );
    expect(store.getState().chats.map((c) => c.title)).toEqual(['Bob', 'Alice']);
    // The same event again changes nothing.
    engine.emit(
      'chats.updated',
      summary(bob.chatId, { title: 'Bob', updatedAt: '2025-03-01T00:00:00Z' }),
    );
    expect(store.getState().chats).toHaveLength(2);

    store.getState().openChat(bob.chatId);
    engine.emit('chats.removed', { id: bob.chatId });
    expect(store.getState().chats.map((c) => c.title)).toEqual(['Alice']);
    expect(store.getState().openChatId).toBeNull();
  });

  it('pages a long history backwards from the newest page', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    engine.chats.seedItems(alice.chatId, 120);
    const { store } = await ready(engine);

    await store.getState().loadNewestItems(alice.chatId);
    let w = store.getState().chatItems[alice.chatId]!;
    expect(w.items).toHaveLength(PAGE_SIZE);
    expect(w.items[0]!.text).toBe('message 71');
    expect(w.items.at(-1)!.text).toBe('message 120');
    expect(w.hasMore).toBe(true);

    await store.getState().loadOlderItems(alice.chatId);
    await store.getState().loadOlderItems(alice.chatId);
    w = store.getState().chatItems[alice.chatId]!;
    expect(w.items.map((i) => i.text)).toEqual(
      Array.from({ length: 120 }, (_, i) => `message ${i + 1}`),
    );
    expect(w.hasMore).toBe(false);
    expect(engine.callsOf('chat.items')).toEqual([
      { chatId: alice.chatId, limit: PAGE_SIZE },
      { chatId: alice.chatId, before: w.items[70]!.id, limit: PAGE_SIZE },
      { chatId: alice.chatId, before: w.items[20]!.id, limit: PAGE_SIZE },
    ]);

    // Nothing is left before the first item: no more calls.
    await store.getState().loadOlderItems(alice.chatId);
    expect(engine.callsOf('chat.items')).toHaveLength(3);
  });

  it('asks for one older page at a time', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    engine.chats.seedItems(alice.chatId, 200);
    const { store } = await ready(engine);
    await store.getState().loadNewestItems(alice.chatId);

    const gate = engine.hold('chat.items');
    const first = store.getState().loadOlderItems(alice.chatId);
    await gate.reached;
    expect(store.getState().chatItems[alice.chatId]!.loadingOlder).toBe(true);
    await store.getState().loadOlderItems(alice.chatId);
    gate.release();
    await first;
    expect(engine.callsOf('chat.items')).toHaveLength(2);
    expect(store.getState().chatItems[alice.chatId]!.items).toHaveLength(2 * PAGE_SIZE);
  });

  it('adds received items to the chat and its window once, and counts them unread', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    const { store } = await ready(engine);
    await store.getState().loadNewestItems(alice.chatId);

    const received = engine.chats.receive(alice.chatId, 'hello');
    engine.emit('chat.item.added', { chat: engine.chats.summary(alice.chatId), item: received });
    const s = store.getState();
    expect(ids(s.chatItems[alice.chatId]!.items)).toEqual([received.id]);
    expect(s.chats[0]).toMatchObject({ unreadCount: 1, lastItem: { text: 'hello' } });

    await s.markChatRead(alice.chatId);
    expect(store.getState().chats[0]!.unreadCount).toBe(0);
  });

  it('sends a message once, whether the answer or the event comes first, and follows its status', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    const { store } = await ready(engine);
    await store.getState().loadNewestItems(alice.chatId);

    expect(await store.getState().sendMessage(alice.chatId, 'hi\nthere')).toEqual({
      ok: true,
      value: null,
    });
    const [sent] = store.getState().chatItems[alice.chatId]!.items;
    expect(store.getState().chatItems[alice.chatId]!.items).toHaveLength(1);
    expect(sent).toMatchObject({ text: 'hi\nthere', direction: 'snd', status: 'sending' });

    engine.chats.setStatus(alice.chatId, sent!.id, 'delivered');
    expect(store.getState().chatItems[alice.chatId]!.items[0]!.status).toBe('delivered');
  });

  it('reports a refused send in words', async () => {
    const engine = new FakeEngine();
    const bob = engine.chats.addContact('Bob', { status: 'connecting' });
    const { store } = await ready(engine);
    await store.getState().loadNewestItems(bob.chatId);
    expect(await store.getState().sendMessage(bob.chatId, 'hi')).toEqual({
      ok: false,
      message: 'The contact is not connected yet',
    });
  });

  it('edits, reacts to and deletes messages in place', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    engine.chats.seedItems(alice.chatId, 3);
    const { store } = await ready(engine);
    await store.getState().loadNewestItems(alice.chatId);
    const mine = store.getState().chatItems[alice.chatId]!.items[0]!;

    await store.getState().editItem(alice.chatId, mine.id, 'better');
    await store.getState().reactToItem(alice.chatId, mine.id, '👍', true);
    let current = store.getState().chatItems[alice.chatId]!.items[0]!;
    expect(current).toMatchObject({
      text: 'better',
      reactions: [{ emoji: '👍', count: 1, mine: true }],
    });
    expect(current.editedAt).not.toBeNull();

    await store.getState().deleteItem(alice.chatId, mine.id, true);
    current = store.getState().chatItems[alice.chatId]!.items[0]!;
    expect(current.deleted).toBe(true);
    expect(store.getState().chatItems[alice.chatId]!.items).toHaveLength(3);
    expect(engine.callsOf('chat.item.delete')).toEqual([
      { chatId: alice.chatId, itemId: mine.id, forEveryone: true },
    ]);
  });

  it('mutes a chat', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    const { store } = await ready(engine);
    expect((await store.getState().setChatMuted(alice.chatId, true)).ok).toBe(true);
    expect(store.getState().chats[0]!.muted).toBe(true);
  });

  it('reads the open chat again when the connection comes back', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    const { store } = await ready(engine);
    store.getState().openChat(alice.chatId);
    await store.getState().loadNewestItems(alice.chatId);
    const reads = engine.callsOf('chat.items').length;
    engine.emit('engine.status', { state: 'restarting' });
    engine.emit('engine.status', { state: 'ready' });
    await until(store, () => engine.callsOf('chat.items').length > reads);
  });
});

describe('contacts, requests, the address and invitations', () => {
  it('accepts a request: the request goes, the contact comes', async () => {
    const engine = new FakeEngine();
    const { store } = await ready(engine);
    const dave = engine.chats.addRequest('Dave', 'David Bowman');
    expect(store.getState().requests.map((r) => r.displayName)).toEqual(['Dave']);

    const result = await store.getState().acceptRequest(dave.id);
    expect(result.ok && result.value.displayName).toBe('Dave');
    expect(store.getState().requests).toEqual([]);
    expect(Object.values(store.getState().contacts).map((c) => c.displayName)).toEqual(['Dave']);
    expect(store.getState().chats.map((c) => c.title)).toEqual(['Dave']);
  });

  it('rejects a request', async () => {
    const engine = new FakeEngine();
    const { store } = await ready(engine);
    const eve = engine.chats.addRequest('Eve');
    await store.getState().rejectRequest(eve.id);
    expect(store.getState().requests).toEqual([]);
    expect(engine.chats.requests.size).toBe(0);
  });

  it('creates, changes and deletes the address', async () => {
    const { store } = await ready();
    expect(store.getState().address).toBeNull();
    await store.getState().createAddress();
    expect(store.getState().address?.link).toMatch(/^simplex:\/contact#/);
    await store.getState().setAutoAccept(true);
    expect(store.getState().address?.autoAccept).toBe(true);
    await store.getState().deleteAddress();
    expect(store.getState().address).toBeNull();
  });

  it('connects through a link and knows the new contact', async () => {
    const { store } = await ready();
    const result = await store.getState().connect('simplex:/invitation#/?v=2-7&smp=x');
    expect(result.ok && result.value.kind).toBe('invitation');
    expect(Object.values(store.getState().contacts)).toHaveLength(1);
    expect(store.getState().chats).toHaveLength(1);
  });

  it('deletes a contact and closes its chat', async () => {
    const engine = new FakeEngine();
    const alice = engine.chats.addContact('Alice');
    const { store } = await ready(engine);
    store.getState().openChat(alice.chatId);
    expect((await store.getState().deleteContact(alice.id)).ok).toBe(true);
    expect(store.getState().contacts).toEqual({});
    expect(store.getState().chats).toEqual([]);
    expect(store.getState().openChatId).toBeNull();
  });
});

describe('servers', () => {
  it('loads, tests and saves the SMP servers', async () => {
    const engine = new FakeEngine();
    engine.chats.serverTests.set('smp://bad@example.com', { ok: false, error: 'no answer' });
    const { store } = await ready(engine);
    await until(store, (s) => s.servers !== null);
    expect(store.getState().servers?.useEmbedded).toBe(true);

    expect(await store.getState().testServer('smp://bad@example.com')).toEqual({
      ok: true,
      value: { ok: false, error: 'no answer' },
    });
    await store.getState().saveServers({ useEmbedded: false, custom: ['smp://good@example.com'] });
    expect(store.getState().servers).toMatchObject({
      useEmbedded: false,
      custom: ['smp://good@example.com'],
    });
  });
});
