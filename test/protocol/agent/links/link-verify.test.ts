import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, cryptoReady, ed25519KeyPair } from '../../../../src/protocol/crypto';
import {
  FIXED_DATA_PADDED_LENGTH,
  LinkDataError,
  checkLinkQueue,
  createLinkData,
  decryptLinkData,
  encodeFixedLinkData,
  encryptLinkBlob,
  encryptUserLinkData,
  invShortLinkKdf,
  linkDataKey,
  newOwnerAuth,
  signLinkBlob,
  type ConnLinkData,
  type NewLinkData,
  type OwnerAuth,
} from '../../../../src/protocol/agent';
import { contactData, contactRequest, invitationRequest } from './fixtures';

beforeAll(cryptoReady);

function contactLink(): NewLinkData {
  return createLinkData({
    fixed: {
      agentVersions: { min: 2, max: 7 },
      connReq: contactRequest(),
      linkEntityId: randomBytes(16),
    },
    userData: contactData(),
  });
}

/** Re-signs user data (LSET) and reads the link back. */
function readWith(link: NewLinkData, signer: Uint8Array, userData: ConnLinkData) {
  const encUserData = encryptUserLinkData(link.key, signer, userData);
  return decryptLinkData(
    { mode: 'contact', linkKey: link.linkKey },
    { encFixedData: link.encFixedData, encUserData },
  );
}

function failure(f: () => unknown): LinkDataError {
  try {
    f();
  } catch (e) {
    if (e instanceof LinkDataError) return e;
    throw e;
  }
  throw new Error('expected a LinkDataError');
}

function newOwner(signer: Uint8Array) {
  const keys = ed25519KeyPair();
  return { keys, auth: newOwnerAuth(signer, randomBytes(12), keys.publicKey) };
}

describe('short link data: creation and verification', () => {
  it('creates contact link data that reads back verified', () => {
    const link = contactLink();
    expect(link.linkId?.length).toBe(24);
    expect(link.encFixedData.length).toBe(2048);
    expect(link.encUserData.length).toBe(13824);
    const read = decryptLinkData({ mode: 'contact', linkKey: link.linkKey }, link);
    expect(read.fixedData).toEqual(link.fixedData);
    expect(read.userData).toEqual(contactData());
  });

  it('creates invitation link data (no link ID: the server chooses it)', () => {
    const link = createLinkData({
      fixed: { agentVersions: { min: 2, max: 7 }, connReq: invitationRequest() },
      userData: {
        mode: 'invitation',
        agentVersions: { min: 2, max: 7 },
        userData: new Uint8Array(300).fill(1),
      },
    });
    expect(link.linkId).toBeUndefined();
    const read = decryptLinkData({ mode: 'invitation', linkKey: link.linkKey }, link);
    expect(read.fixedData.connReq).toEqual(link.fixedData.connReq);
    expect(read.userData).toMatchObject({
      mode: 'invitation',
      userData: new Uint8Array(300).fill(1),
    });
    // Invitation user data may only be signed by the root key.
    const other = ed25519KeyPair();
    const encUserData = encryptUserLinkData(link.key, other.privateKey, read.userData);
    expect(
      failure(() =>
        decryptLinkData({ mode: 'invitation', linkKey: link.linkKey }, { ...link, encUserData }),
      ).code,
    ).toBe('USER_SIGNATURE');
  });

  it('refuses user data of the other mode at creation', () => {
    expect(() =>
      createLinkData({
        fixed: { agentVersions: { min: 2, max: 7 }, connReq: contactRequest() },
        userData: {
          mode: 'invitation',
          agentVersions: { min: 2, max: 7 },
          userData: new Uint8Array(),
        },
      }),
    ).toThrow();
  });

  it('accepts user data re-signed by the root key or any owner of a valid chain', () => {
    const link = contactLink();
    const root = link.rootKeyPair.privateKey;
    const o1 = newOwner(root);
    const o2 = newOwner(root);
    const o3 = newOwner(o1.keys.privateKey);
    const o4 = newOwner(o3.keys.privateKey);
    const data = contactData([o1.auth, o2.auth, o3.auth, o4.auth], 'with relays and owners');
    for (const signer of [root, o1, o2, o3, o4].map((s) =>
      s instanceof Uint8Array ? s : s.keys.privateKey,
    )) {
      expect(readWith(link, signer, data).userData).toEqual(data);
    }
    expect(failure(() => readWith(link, ed25519KeyPair().privateKey, data)).code).toBe(
      'USER_SIGNATURE',
    );
  });

  it('rejects an owner authorised by a foreign key', () => {
    const link = contactLink();
    const foreign = newOwner(ed25519KeyPair().privateKey);
    const err = failure(() =>
      readWith(link, link.rootKeyPair.privateKey, contactData([foreign.auth])),
    );
    expect(err.code).toBe('OWNER_AUTH');
    expect(err.ownerId).toEqual(foreign.auth.ownerId);
  });

  it('rejects owners authorised by a later owner (the chain runs forward only)', () => {
    const link = contactLink();
    const o1 = newOwner(link.rootKeyPair.privateKey);
    const o2 = newOwner(o1.keys.privateKey);
    const root = link.rootKeyPair.privateKey;
    expect(readWith(link, root, contactData([o1.auth, o2.auth])).userData.mode).toBe('contact');
    expect(failure(() => readWith(link, root, contactData([o2.auth, o1.auth]))).code).toBe(
      'OWNER_AUTH',
    );
  });

  it('rejects an owner key equal to the root key', () => {
    const link = contactLink();
    const root = link.rootKeyPair;
    const asRoot: OwnerAuth = newOwnerAuth(root.privateKey, randomBytes(8), root.publicKey);
    expect(failure(() => readWith(link, root.privateKey, contactData([asRoot]))).code).toBe(
      'OWNER_IS_ROOT',
    );
  });

  it('rejects duplicate owner IDs and duplicate owner keys', () => {
    const link = contactLink();
    const root = link.rootKeyPair.privateKey;
    const o1 = newOwner(root);
    const sameId = newOwnerAuth(root, o1.auth.ownerId, ed25519KeyPair().publicKey);
    const sameKey = newOwnerAuth(root, randomBytes(12), o1.keys.publicKey);
    expect(failure(() => readWith(link, root, contactData([o1.auth, sameId]))).code).toBe(
      'DUPLICATE_OWNER',
    );
    const err = failure(() => readWith(link, root, contactData([o1.auth, sameKey])));
    expect(err.code).toBe('DUPLICATE_OWNER');
    expect(err.ownerId).toEqual(sameKey.ownerId);
  });

  it('rejects fixed data whose hash is not the link key', () => {
    const link = contactLink();
    // Blobs encrypted under the key of another link key decrypt, but the hash gives them away.
    const otherLinkKey = randomBytes(32);
    const key = linkDataKey('contact', otherLinkKey);
    const signedFixed = signLinkBlob(
      link.rootKeyPair.privateKey,
      encodeFixedLinkData(link.fixedData),
    );
    const blobs = {
      encFixedData: encryptLinkBlob(key, signedFixed, FIXED_DATA_PADDED_LENGTH),
      encUserData: encryptUserLinkData(key, link.rootKeyPair.privateKey, contactData()),
    };
    expect(
      failure(() => decryptLinkData({ mode: 'contact', linkKey: otherLinkKey }, blobs)).code,
    ).toBe('HASH');
  });

  it('rejects fixed data not signed by its root key', () => {
    const link = contactLink();
    const signed = signLinkBlob(ed25519KeyPair().privateKey, encodeFixedLinkData(link.fixedData));
    const encFixedData = encryptLinkBlob(link.key, signed, FIXED_DATA_PADDED_LENGTH);
    expect(
      failure(() =>
        decryptLinkData({ mode: 'contact', linkKey: link.linkKey }, { ...link, encFixedData }),
      ).code,
    ).toBe('FIXED_SIGNATURE');
  });

  it('rejects tampered blobs, garbage and data of the other link mode', () => {
    const link = contactLink();
    const tampered = link.encUserData.slice();
    tampered[100]! ^= 1;
    const at = { mode: 'contact' as const, linkKey: link.linkKey };
    expect(failure(() => decryptLinkData(at, { ...link, encUserData: tampered })).code).toBe(
      'DECRYPT',
    );
    expect(
      failure(() => decryptLinkData(at, { ...link, encUserData: new Uint8Array(10) })).code,
    ).toBe('DECRYPT');
    const garbage = encryptLinkBlob(link.key, new Uint8Array([64, 1, 2]), FIXED_DATA_PADDED_LENGTH);
    expect(failure(() => decryptLinkData(at, { ...link, encFixedData: garbage })).code).toBe(
      'MALFORMED',
    );
    // The same contact data under the invitation key derivation: decrypts, but is the wrong kind.
    const invKey = invShortLinkKdf(link.linkKey);
    const signed = signLinkBlob(link.rootKeyPair.privateKey, encodeFixedLinkData(link.fixedData));
    const blobs = {
      encFixedData: encryptLinkBlob(invKey, signed, FIXED_DATA_PADDED_LENGTH),
      encUserData: encryptUserLinkData(invKey, link.rootKeyPair.privateKey, contactData()),
    };
    expect(
      failure(() => decryptLinkData({ mode: 'invitation', linkKey: link.linkKey }, blobs)).code,
    ).toBe('MODE');
  });

  it("checks that the server's queue is the one in the connection request", () => {
    const link = contactLink();
    const q = link.fixedData.connReq.queues[0]!;
    expect(() =>
      checkLinkQueue(link.fixedData, { server: q.server, senderId: q.senderId }),
    ).not.toThrow();
    const otherId = failure(() =>
      checkLinkQueue(link.fixedData, { server: q.server, senderId: randomBytes(24) }),
    );
    expect(otherId.code).toBe('DIFFERENT_ADDRESS');
    const otherPort = { ...q.server, port: '443' };
    expect(
      failure(() => checkLinkQueue(link.fixedData, { server: otherPort, senderId: q.senderId }))
        .code,
    ).toBe('DIFFERENT_ADDRESS');
  });
});
