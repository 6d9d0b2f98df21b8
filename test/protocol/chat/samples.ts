// One message for every event we know, with most optional fields set: fixtures for the event
// tests and seeds for the fuzzer.
import {
  SUPPORTED_CHAT_VRANGE,
  type ChatMessage,
  type EventParams,
  type KnownEventTag,
  type MsgContent,
  type Profile,
} from '../../../src/protocol/chat';

export const id = (...b: number[]): Uint8Array => Uint8Array.from(b);

export const CONN_REQ =
  'simplex:/invitation#/?v=2-7&smp=smp%3A%2F%2F1234-w%3D%3D%40smp.simplex.im%3A5223%2F3456-w%3D%3D%23%2F%3Fv%3D1-4%26dh%3DMCowBQYDK2VuAyEAjiswwI3O_NlS8Fk3HJUW870EY2bAwmttMBsvRB9eV3o%253D&e2e=v%3D2-3%26x3dh%3DMEIwBQYDK2VvAzkAmKuSYeQ_m0SixPDS8Wq8VBaTS1cW-Lp0n0h4Diu-kUpR-qXx4SDJ32YGEFoGFGSbGPry5Ychr6U%3D%2CMEIwBQYDK2VvAzkAmKuSYeQ_m0SixPDS8Wq8VBaTS1cW-Lp0n0h4Diu-kUpR-qXx4SDJ32YGEFoGFGSbGPry5Ychr6U%3D';
export const SHORT_LINK = 'https://smp4.simplex.im/c#W5w_RQPNZUXJkLRRmVUp3GBJ2sNs3rzXjH7Zz9C0ldA';

export const IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgA';

export const alice: Profile = {
  displayName: 'alice',
  fullName: 'Alice',
  shortDescr: 'hi',
  image: IMAGE,
  contactLink: SHORT_LINK,
  preferences: { reactions: { allow: 'yes' }, voice: { allow: 'no' } },
  peerType: 'human',
};

const text: MsgContent = { type: 'text', text: 'hello' };

const group = {
  displayName: 'team',
  fullName: 'Team',
  description: 'welcome!',
  groupPreferences: { directMessages: { enable: 'on' } },
  memberAdmission: { review: 'all' as const },
  publicGroup: {
    groupType: 'channel',
    groupLink: SHORT_LINK,
    publicGroupId: new Uint8Array(32).fill(7),
  },
};

const admin = { memberId: id(1, 2, 3, 4), memberRole: 'admin' };
const invitee = { memberId: id(5, 6, 7, 8), memberRole: 'member' };
const memberKey = new Uint8Array(32).fill(9);
const memberInfo = { ...admin, v: { min: 1, max: 17 }, profile: alice, memberKey };
const scope = { type: 'member' as const, memberId: id(5, 6, 7, 8) };
const msgRef = { msgId: id(9), sentAt: '2024-01-02T03:04:05.123456789Z', sent: false };

const PARAMS: { [T in KnownEventTag]: EventParams<T> } = {
  'x.msg.new': {
    content: {
      type: 'link',
      text: 'see',
      preview: {
        uri: 'https://a.b',
        title: 't',
        description: 'd',
        image: IMAGE,
        content: { type: 'video', duration: 3 },
      },
    },
    mentions: { bob: { memberId: id(5, 6, 7, 8) } },
    file: {
      fileName: 'a.txt',
      fileSize: 10,
      fileDigest: id(1),
      fileInline: 'offer',
      fileDescr: { fileDescrText: 'x', fileDescrPartNo: 0, fileDescrComplete: true },
    },
    ttl: 60,
    live: true,
    scope,
    asGroup: true,
    quote: { msgRef: { ...msgRef, memberId: id(1, 2, 3, 4) }, content: text },
    parent: msgRef,
    forward: true,
  },
  'x.msg.file.descr': {
    msgId: id(1),
    fileDescr: { fileDescrText: 'descr', fileDescrPartNo: 1, fileDescrComplete: false },
  },
  'x.msg.update': {
    msgId: id(1),
    content: { type: 'voice', text: '', duration: 5 },
    mentions: { a: { memberId: id(1) } },
    ttl: 5,
    live: false,
    scope,
    asGroup: false,
    prefs: { commentsDisabled: true },
  },
  'x.msg.del': { msgId: id(1), memberId: id(2), scope, onlyHistory: true },
  'x.msg.deleted': {},
  'x.msg.react': {
    msgId: id(1),
    memberId: id(2),
    scope,
    reaction: { type: 'emoji', emoji: '🚀' },
    add: true,
  },
  'x.file.cancel': { msgId: id(3) },
  'x.info': { profile: alice },
  'x.contact': {
    profile: alice,
    contactReqId: id(4),
    welcomeMsgId: id(5),
    requestMsg: { msgId: id(6), content: text },
  },
  'x.member': { profile: alice, newMemberId: id(7), newMemberKey: memberKey, viaRelay: id(8) },
  'x.info.probe': { probe: new Uint8Array(32).fill(1) },
  'x.info.probe.check': { probeHash: new Uint8Array(32).fill(2) },
  'x.info.probe.ok': { probe: new Uint8Array(32).fill(1) },
  'x.ok': {},
  'x.direct.del': {},
  'x.grp.inv': {
    groupInvitation: {
      fromMember: admin,
      invitedMember: invitee,
      connRequest: CONN_REQ,
      groupProfile: group,
      business: { chatType: 'business', businessId: id(1), customerId: id(2) },
      groupLinkId: id(3),
      groupSize: 12,
    },
  },
  'x.grp.acpt': { memberId: id(5, 6, 7, 8) },
  'x.grp.link.inv': {
    groupLinkInvitation: {
      fromMember: admin,
      fromMemberName: 'alice',
      invitedMember: invitee,
      groupProfile: group,
      accepted: 'pending_review',
      groupSize: 3,
    },
  },
  'x.grp.link.mem': { profile: alice },
  'x.grp.link.acpt': { acceptance: 'accepted', role: 'observer', memberId: id(5) },
  'x.grp.link.reject': {
    groupLinkRejection: {
      fromMember: admin,
      invitedMember: invitee,
      groupProfile: group,
      rejectionReason: 'long_name',
    },
  },
  'x.grp.mem.new': { memberInfo, scope },
  'x.grp.mem.intro': { memberInfo, memberRestrictions: { restriction: 'blocked' } },
  'x.grp.mem.inv': {
    memberId: id(1),
    memberIntro: { groupConnReq: CONN_REQ, directConnReq: CONN_REQ },
  },
  'x.grp.mem.fwd': { memberInfo, memberIntro: { groupConnReq: CONN_REQ } },
  'x.grp.mem.info': { memberId: id(1), profile: alice },
  'x.grp.mem.con': { memberId: id(1) },
  'x.grp.mem.con.all': { memberId: id(1) },
  'x.grp.direct.inv': { connReq: CONN_REQ, content: text, scope },
  'x.grp.mem.role': { memberId: id(1), role: 'moderator', memberKey, rosterVersion: 2 },
  'x.grp.mem.restrict': { memberId: id(1), memberRestrictions: { restriction: 'unrestricted' } },
  'x.grp.mem.del': { memberId: id(1), messages: true, rosterVersion: 3 },
  'x.grp.leave': {},
  'x.grp.del': {},
  'x.grp.info': { groupProfile: group },
  'x.grp.prefs': { groupPreferences: { history: { enable: 'on' } } },
  'x.grp.relay.inv': {
    groupRelayInvitation: {
      fromMember: { memberId: id(1), memberRole: 'owner' },
      fromMemberProfile: alice,
      relayMemberId: id(2),
      groupLink: SHORT_LINK,
    },
  },
  'x.grp.relay.acpt': { relayLink: SHORT_LINK, relayCap: { webDomain: 'relay.example' } },
  'x.grp.relay.test': {
    challenge: new Uint8Array(32).fill(3),
    signature: new Uint8Array(64).fill(4),
  },
  'x.grp.relay.new': { relayLink: SHORT_LINK },
  'x.grp.relay.reject': { reason: 'rejoin_rejected' },
  'x.grp.relay.cap': { relayCap: {} },
  'x.grp.relay.ready': {},
  'x.grp.roster': {
    version: 4,
    fileInv: { fileSize: 300, fileDigest: new Uint8Array(32).fill(5) },
  },
  'x.grp.roster.ack': { version: 4, error: 'bad_digest' },
  'x.grp.roster.request': { version: 3 },
};

const header = { version: SUPPORTED_CHAT_VRANGE, msgId: id(0x10, 0x20, 0x30) };

/** A message per known event. */
export const KNOWN_SAMPLES: ChatMessage[] = (Object.keys(PARAMS) as KnownEventTag[]).map(
  (event) => ({ ...header, event, params: PARAMS[event] }) as ChatMessage,
);

export const FORWARD_SAMPLES: ChatMessage[] = [
  {
    ...header,
    event: 'x.grp.msg.forward',
    params: {
      sender: { kind: 'member', memberId: id(1, 2, 3, 4), memberName: 'alice' },
      msgTs: '2024-05-06T07:08:09Z',
      msg: {
        version: { min: 1, max: 16 },
        msgId: id(42),
        event: 'x.msg.new',
        params: { content: text },
      },
    },
  },
  {
    version: SUPPORTED_CHAT_VRANGE,
    event: 'x.grp.msg.forward',
    params: {
      sender: { kind: 'channel' },
      msgTs: '2024-05-06T07:08:09.5Z',
      msg: { version: SUPPORTED_CHAT_VRANGE, event: 'x.grp.info', params: { groupProfile: group } },
    },
  },
];

export const UNKNOWN_SAMPLE: ChatMessage = {
  version: { min: 1, max: 30 },
  event: 'unknown',
  tag: 'x.future.thing',
  params: { a: [1, 'two', null, { b: false }], c: 3.5 },
};

export const ALL_SAMPLES: ChatMessage[] = [...KNOWN_SAMPLES, ...FORWARD_SAMPLES, UNKNOWN_SAMPLE];
