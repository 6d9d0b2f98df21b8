// Probe matching on the receiving side, against a real store: a probe and its hash from two
// contacts with the same profile merge them (in either order); anything short of that does not.
import { describe, expect, it } from 'vitest';
import { probeHash } from '../../../../src/main/engine/chat/ids';
import { applyReceived } from '../../../../src/main/engine/chat/receive';
import { chatOfContact } from '../../../../src/main/engine/chat/store/chats';
import {
  effectiveContactOfConn,
  getContact,
} from '../../../../src/main/engine/chat/store/contacts';
import { pageItems } from '../../../../src/main/engine/chat/store/items';
import { silentLogger } from '../../../../src/main/engine/log';
import { useTempDirs } from '../../../support/temp-dir';
import { NOW, body, bytes, chatStore, peer, type ChatStore } from './support';

const tempDir = useTempDirs();
const brokerTs = new Date(NOW);
const probe = bytes('A'.repeat(44));

function receive(store: ChatStore, connId: string, raw: Uint8Array) {
  return applyReceived(store.db, silentLogger, NOW, { connId, body: raw, brokerTs });
}
const probeMsg = () => body({ event: 'x.info.probe', params: { probe } });
const checkMsg = () =>
  body({ event: 'x.info.probe.check', params: { probeHash: probeHash(probe) } });
const text = (t: string, id: string) =>
  body({ event: 'x.msg.new', params: { content: { type: 'text', text: t } } }, bytes(id));

describe('chat probes (receiving side)', () => {
  it.each([
    ['the probe first', ['new', 'old'] as const],
    ['the hash first', ['old', 'new'] as const],
  ])('merges the newer contact into the older one, %s', async (_, order) => {
    const store = await chatStore(tempDir());
    const older = await store.contact('old');
    const newer = await store.contact('new');
    await receive(store, 'old', text('in the old chat', 'a'));
    await receive(store, 'new', text('in the new chat', 'b'));

    const first = await receive(store, order[0], order[0] === 'new' ? probeMsg() : checkMsg());
    expect(first.followUps).toEqual([]);
    const second = await receive(store, order[1], order[1] === 'new' ? probeMsg() : checkMsg());
    // The answer goes back over the older connection, proving it is the same person.
    expect(second.followUps).toEqual([
      {
        kind: 'send',
        connId: 'old',
        message: expect.objectContaining({ event: 'x.info.probe.ok' }) as unknown,
      },
    ]);
    expect([...second.changes.removedContacts]).toEqual([newer.contactId]);

    expect(await getContact(store.db, newer.contactId)).toMatchObject({
      status: 'merged',
      mergedInto: older.contactId,
    });
    expect(await chatOfContact(store.db, newer.contactId)).toBeNull();
    const { items } = await pageItems(store.db, older.chatRowId, undefined, 10);
    expect(items.map((i) => i.text)).toEqual(['in the old chat', 'in the new chat']);
    // The duplicate's connection still delivers, now into the surviving chat.
    expect((await effectiveContactOfConn(store.db, 'new'))?.id).toBe(older.contactId);
    await receive(store, 'new', text('late', 'c'));
    expect((await pageItems(store.db, older.chatRowId, undefined, 10)).items).toHaveLength(3);
    await store.db.close();
  });

  it('does not merge contacts whose profiles differ, nor on a probe or a hash alone', async () => {
    const store = await chatStore(tempDir());
    await store.contact('old', peer('bob'));
    await store.contact('new', peer('bob', 'Someone Else'));
    await store.contact('third', peer('bob'));
    expect((await receive(store, 'new', probeMsg())).followUps).toEqual([]);
    expect((await receive(store, 'old', checkMsg())).followUps).toEqual([]);
    // A hash from a third contact of the same profile, with no probe from another of them.
    const lone = bytes('B'.repeat(44));
    const r = await receive(
      store,
      'third',
      body({ event: 'x.info.probe.check', params: { probeHash: probeHash(lone) } }),
    );
    expect(r.followUps).toEqual([]);
    const statuses = await store.db.all('SELECT status FROM contacts ORDER BY contact_id');
    expect(statuses.map((s) => s.status)).toEqual(['active', 'active', 'active']);
    await store.db.close();
  });

  it('ignores a probe.ok for a probe it never sent', async () => {
    const store = await chatStore(tempDir());
    await store.contact('old');
    await store.contact('new');
    const r = await receive(store, 'old', body({ event: 'x.info.probe.ok', params: { probe } }));
    expect(r.changes.removedContacts.size).toBe(0);
    await store.db.close();
  });
});
