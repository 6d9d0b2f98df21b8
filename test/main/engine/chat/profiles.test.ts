import { describe, expect, it } from 'vitest';
import {
  ConnInfoError,
  decodeConnInfo,
  peerProfile,
  sameIdentity,
  xContactConnInfo,
  xInfoConnInfo,
} from '../../../../src/main/engine/chat/profiles';
import type { ProfileView } from '../../../../src/shared/models/profile';
import { body, bytes } from './support';

const me: ProfileView = {
  id: 1,
  displayName: 'alice',
  fullName: 'Alice',
  image: 'data:image/png;base64,AAAA',
  createdAt: '',
  updatedAt: '',
};

describe('chat profiles', () => {
  it('carries our profile in x.info and x.contact, and reads them back', () => {
    const info = decodeConnInfo(xInfoConnInfo(me));
    expect(info).toMatchObject({
      event: 'x.info',
      profile: { displayName: 'alice', fullName: 'Alice', image: 'data:image/png;base64,AAAA' },
      version: { min: 1, max: 17 },
    });
    const contact = decodeConnInfo(xContactConnInfo(me, Uint8Array.of(7, 7)));
    expect(contact.event).toBe('x.contact');
    expect(contact.contactReqId).toEqual(Uint8Array.of(7, 7));
  });

  it('refuses anything else as a handshake payload with a ConnInfoError', () => {
    const cases = [
      bytes('garbage'),
      new Uint8Array(0),
      body({ event: 'x.ok', params: {} }),
      bytes('[{"event":"x.ok","params":{}},{"event":"x.ok","params":{}}]'),
      bytes('{"event":"x.info","params":{"profile":{"displayName":1}}}'),
    ];
    for (const c of cases) expect(() => decodeConnInfo(c)).toThrow(ConnInfoError);
  });

  it('keeps only inline images of peers, and the profile JSON as sent', () => {
    const base = { displayName: 'bob', fullName: '' };
    expect(peerProfile({ ...base, image: 'data:image/jpg;base64,/9j/AA==' }).image).toBe(
      'data:image/jpg;base64,/9j/AA==',
    );
    for (const image of [
      'https://example.com/a.png',
      'data:text/html;base64,AAAA',
      'x'.repeat(20),
    ]) {
      expect(peerProfile({ ...base, image }).image).toBeNull();
    }
    const p = peerProfile({ ...base, preferences: { calls: { allow: 'no' } } });
    expect(JSON.parse(p.json)).toEqual({ ...base, preferences: { calls: { allow: 'no' } } });
  });

  it('matches identities on display name, full name and image', () => {
    const a = { displayName: 'bob', fullName: 'B', image: null };
    expect(sameIdentity(a, { ...a })).toBe(true);
    expect(sameIdentity(a, { ...a, fullName: 'C' })).toBe(false);
    expect(sameIdentity(a, { ...a, image: 'data:image/png;base64,AA==' })).toBe(false);
  });
});
