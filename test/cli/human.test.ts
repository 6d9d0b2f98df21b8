import { describe, expect, it } from 'vitest';
import { CliFailure } from '../../src/cli/failure';
import { HumanPresenter, NO_PROFILE_HINT, NO_SERVER_HINT, printable } from '../../src/cli/human';
import { HELP } from '../../src/cli/commands';
import { chat, contact, item, profile, request } from './fixtures';

const SERVER = 'smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=@127.0.0.1:5223';

describe('human output: start and responses', () => {
  it('greets with the profile and the servers, or says how to set them', () => {
    const h = new HumanPresenter();
    expect(
      h.ready({ version: '1.2.3', dataDir: '/d', profile: profile('alice'), servers: [SERVER] }),
    ).toEqual([
      'conclave 1.2.3, data in /d',
      'profile: alice',
      'servers: 127.0.0.1:5223',
      'type /help for the commands',
    ]);
    const bare = h.ready({ version: '1', dataDir: '/d', profile: null, servers: [] });
    expect(bare).toContain(NO_PROFILE_HINT);
    expect(bare).toContain(NO_SERVER_HINT);
  });

  it('prints sent messages as `> @name text`, with later lines indented', () => {
    const h = new HumanPresenter();
    const sent = item(1, '@2', { direction: 'snd', text: 'one\ntwo', status: 'sending' });
    expect(h.response({ command: 'chat.send', result: sent, name: 'Ann Lee' })).toEqual([
      "> @'Ann Lee' one",
      '             two',
    ]);
  });

  it('lists contacts by local name, with full names and unfinished states', () => {
    const h = new HumanPresenter();
    const result = [
      contact(1, 'bob', { fullName: 'Bob Smith' }),
      contact(2, 'bob', { status: 'connecting' }),
      contact(3, 'Ann Lee', { status: 'deleted' }),
    ];
    expect(h.response({ command: 'contacts.list', result })).toEqual([
      'bob (Bob Smith)',
      'bob_1 [connecting]',
      "'Ann Lee' [deleted]",
    ]);
    expect(h.response({ command: 'contacts.list', result: [] })).toEqual([
      'no contacts yet: /c creates an invitation, /ad an address',
    ]);
  });

  it('shows links to share, the short one when there is one', () => {
    const h = new HumanPresenter();
    const address = {
      link: 'simplex:/contact#/?long',
      shortLink: 'https://s/a#x',
      autoAccept: false,
      createdAt: '',
    };
    expect(h.response({ command: 'address.create', result: address })).toContain('https://s/a#x');
    expect(h.response({ command: 'address.get', result: { ...address, shortLink: null } })).toEqual(
      ['your contact address:', 'simplex:/contact#/?long'],
    );
    expect(h.response({ command: 'address.get', result: null })).toEqual([
      'you have no contact address; /ad creates one',
    ]);
  });

  it('answers the other commands in a line', () => {
    const h = new HumanPresenter();
    expect(
      h.response({ command: 'profile.set', result: profile('bob', 'Bob'), created: true }),
    ).toEqual(['profile created: bob (Bob)']);
    expect(
      h.response({ command: 'profile.set', result: profile('Ann Lee'), created: false }),
    ).toEqual(["profile updated: 'Ann Lee'"]);
    expect(h.response({ command: 'profile.get', result: null })).toEqual([NO_PROFILE_HINT]);
    expect(
      h.response({ command: 'requests.accept', result: contact(1, 'bob'), name: 'bob' }),
    ).toEqual(['bob: accepting the contact request…']);
    expect(
      h.response({ command: 'requests.reject', result: request(1, 'eve'), name: 'eve' }),
    ).toEqual(['eve: contact request rejected']);
    expect(
      h.response({ command: 'contacts.delete', result: contact(1, 'bob'), name: 'bob' }),
    ).toEqual(['bob: contact deleted']);
    expect(h.response({ command: 'quit', result: null })).toEqual([]);
    expect(h.failure(new CliFailure('NOT_FOUND', 'no contact named x'))).toEqual([
      'error: no contact named x',
    ]);
  });

  it('aligns the help', () => {
    const lines = new HumanPresenter().response({ command: 'help', result: HELP });
    expect(lines).toContain('/ad                      create your contact address');
    expect(lines.at(-1)).toMatch(/single quotes/);
  });
});

describe('human output: events', () => {
  it('announces requests once, with the commands to answer them', () => {
    const h = new HumanPresenter();
    const r = request(4, 'Ann Lee');
    expect(h.event({ name: 'requests.updated', payload: r })).toEqual([
      "'Ann Lee': contact request; /ac 'Ann Lee' accepts it, /rc 'Ann Lee' rejects it",
    ]);
    expect(h.event({ name: 'requests.updated', payload: r })).toEqual([]);
  });

  it('says "connected" when a contact becomes active, and when it deletes us', () => {
    const h = new HumanPresenter();
    expect(
      h.event({ name: 'contacts.updated', payload: contact(1, 'bob', { status: 'connecting' }) }),
    ).toEqual([]);
    expect(h.event({ name: 'contacts.updated', payload: contact(1, 'bob') })).toEqual([
      'bob: connected',
    ]);
    expect(h.event({ name: 'contacts.updated', payload: contact(1, 'bob') })).toEqual([]);
    expect(h.event({ name: 'contacts.updated', payload: contact(1, 'rob') })).toEqual([
      'bob is now rob',
    ]);
    expect(
      h.event({ name: 'contacts.updated', payload: contact(1, 'rob', { status: 'deleted' }) }),
    ).toEqual(['rob: deleted you as a contact']);
  });

  it('says when a contact’s connection failed for good, and how to delete it', () => {
    const h = new HumanPresenter();
    h.event({ name: 'contacts.updated', payload: contact(1, 'bob', { status: 'connecting' }) });
    const failed = contact(1, 'bob', { status: 'failed' });
    expect(h.event({ name: 'contacts.updated', payload: failed })).toEqual([
      'bob: connection failed (/d @bob deletes the contact)',
    ]);
    expect(h.event({ name: 'contacts.updated', payload: failed })).toEqual([]);
  });

  it('knows contacts from the start, so their updates are not news', () => {
    const h = new HumanPresenter();
    h.seed([contact(1, 'bob')], []);
    expect(h.event({ name: 'contacts.updated', payload: contact(1, 'bob') })).toEqual([]);
  });

  it('prints received messages as `name> text` by local name; own ones not again', () => {
    const h = new HumanPresenter();
    h.seed([contact(1, 'bob'), contact(2, 'bob')], []);
    const received = item(5, '@2', { text: 'hello' });
    expect(
      h.event({ name: 'chat.item.added', payload: { chat: chat('@2', 'bob'), item: received } }),
    ).toEqual(['bob_1> hello']);
    const own = item(6, '@2', { direction: 'snd', status: 'sending' });
    expect(
      h.event({ name: 'chat.item.added', payload: { chat: chat('@2', 'bob'), item: own } }),
    ).toEqual([]);
    // Unknown chat: the title, made typeable.
    expect(
      h.event({
        name: 'chat.item.added',
        payload: { chat: chat('@9', "Zoë O'Hara"), item: item(7, '@9') },
      }),
    ).toEqual(["'Zoë OHara'> hi"]);
  });

  it('reports a message that could not be delivered, once; other updates are quiet', () => {
    const h = new HumanPresenter();
    h.seed([contact(1, 'bob')], []);
    const failed = item(5, '@1', { direction: 'snd', status: 'error', error: 'quota exceeded' });
    expect(h.event({ name: 'chat.item.updated', payload: failed })).toEqual([
      'message to bob not delivered: quota exceeded',
    ]);
    expect(h.event({ name: 'chat.item.updated', payload: failed })).toEqual([]);
    const delivered = item(6, '@1', { direction: 'snd', status: 'delivered' });
    expect(h.event({ name: 'chat.item.updated', payload: delivered })).toEqual([]);
    expect(
      h.event({
        name: 'settings.updated',
        payload: { theme: 'dark', notificationsEnabled: true, notificationPreview: 'message' },
      }),
    ).toEqual([]);
  });

  it('never lets a peer write terminal escapes', () => {
    expect(printable('a\u001b[2Jb\rc\u0007d\u202ee\tf\ng')).toBe(
      'a\ufffd[2Jb\ufffdc\ufffdd\ufffde\tf\ng',
    );
    const h = new HumanPresenter();
    h.seed([contact(1, 'bob')], []);
    const evil = item(5, '@1', { text: 'hi\u001b]0;owned\u0007\r\nnext' });
    expect(
      h.event({ name: 'chat.item.added', payload: { chat: chat('@1', 'bob'), item: evil } }),
    ).toEqual(['bob> hi\ufffd]0;owned\ufffd', '     next']);
  });
});
