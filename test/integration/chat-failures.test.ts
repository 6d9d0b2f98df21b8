// A contact whose connection cannot be made: the agent gives up on the handshake for good
// (connectionError) and the contact shows as failed, with its chat, until the user deletes it.
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../src/main/engine/store';
import { migrations } from '../../src/main/engine/store/migrations';
import { openDatabase } from '../../src/node/sqlite';
import { useChatEngines } from './chat-support';

const t = useChatEngines();

describe('chat: failed connections', () => {
  it('shows a contact as failed when the other side’s queue was deleted (AUTH)', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const invitation = await alice.call('invitation.create', {});

    // Alice is away while Bob joins her invitation and then deletes his side, reply queue and
    // all: when she is back, securing that queue is refused for good.
    await alice.stop();
    const joined = await bob.call('connect', { link: invitation.link });
    await bob.call('contacts.delete', { id: joined.contact.id });
    await alice.restart();

    const failed = await alice.events.until('contacts.updated', (c) => c.status === 'failed');
    expect(failed).toMatchObject({ displayName: 'bob', via: 'invitation' });
    expect(await alice.call('contacts.list', {})).toEqual([failed]);
    const [chat] = await alice.call('chats.list', {});
    expect(chat).toMatchObject({ id: failed.chatId, ready: false });
    await expect(
      alice.call('chat.send', { chatId: failed.chatId, text: 'hello?' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/could not be made/) as unknown,
    });

    // The agent's reason is kept; the contact stays failed across a restart, and can be deleted.
    await alice.stop();
    const db = await openDatabase(databasePath(alice.dataDir), { migrations });
    const row = await db.get('SELECT conn_error FROM contacts WHERE contact_id = ?', [failed.id]);
    await db.close();
    expect(row).toEqual({ conn_error: 'AUTH' });
    await alice.restart();
    expect(await alice.call('contacts.get', { id: failed.id })).toEqual(failed);
    await alice.call('contacts.delete', { id: failed.id });
    expect(await alice.call('contacts.list', {})).toEqual([]);
    expect(await alice.call('chats.list', {})).toEqual([]);
  });

  it('refuses an invitation that was already used at once, leaving no contact behind', async () => {
    const server = await t.server();
    const alice = await t.engine('alice', server);
    const bob = await t.engine('bob', server);
    const carol = await t.engine('carol', server);
    const invitation = await alice.call('invitation.create', {});
    await bob.call('connect', { link: invitation.link });

    await expect(carol.call('connect', { link: invitation.link })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/already used/) as unknown,
    });
    // The agent's connectionError for it finds nothing to mark (stopping waits for its handler).
    await carol.stop();
    expect(carol.events.of('contacts.updated')).toEqual([]);
    await carol.restart();
    expect(await carol.call('contacts.list', {})).toEqual([]);
  });
});
