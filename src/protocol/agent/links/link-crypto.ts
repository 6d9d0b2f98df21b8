// Short-link cryptography. The link key is SHA3-256 of the encoded fixed data, so a link commits
// to its fixed data. From it: contact links derive linkId (24) || secretbox key (32) with
// HKDF "SimpleXContactLink"; invitations derive only the key ("SimpleXInvLink"), their link ID
// comes from the server. Each blob is nonce (24) || secretbox(pad(shortString(sig) || data, N)).
import { encode } from '../../encoding/codec';
import { EncodeError } from '../../encoding/errors';
import { sbEncryptWithNonce, NONCE_SIZE } from '../../crypto/box';
import { ed25519KeyPair, ed25519Sign, type Ed25519KeyPair } from '../../crypto/ed25519';
import { hkdf512, sha3_256 } from '../../crypto/hash';
import { randomBytes } from '../../crypto/random';
import {
  encodeConnLinkData,
  encodeFixedLinkData,
  ownerAuthMessage,
  type ConnLinkData,
  type FixedLinkData,
  type OwnerAuth,
} from './link-data';
import type { ConnectionMode } from './connection-request';

/** Fixed data blob: 2048 bytes = nonce 24 + tag 16 + 2008. */
export const FIXED_DATA_PADDED_LENGTH = 2008;
/** User data blob: 13824 bytes = nonce 24 + tag 16 + 13784. */
export const USER_DATA_PADDED_LENGTH = 13784;

const EMPTY = new Uint8Array(0);

export function contactShortLinkKdf(linkKey: Uint8Array): { linkId: Uint8Array; key: Uint8Array } {
  const out = hkdf512(EMPTY, linkKey, 'SimpleXContactLink', 56);
  return { linkId: out.slice(0, 24), key: out.slice(24) };
}

export function invShortLinkKdf(linkKey: Uint8Array): Uint8Array {
  return hkdf512(EMPTY, linkKey, 'SimpleXInvLink', 32);
}

/** The secretbox key of a link's blobs. */
export function linkDataKey(mode: ConnectionMode, linkKey: Uint8Array): Uint8Array {
  return mode === 'contact' ? contactShortLinkKdf(linkKey).key : invShortLinkKdf(linkKey);
}

export function linkKeyOf(encodedFixedData: Uint8Array): Uint8Array {
  return sha3_256(encodedFixedData);
}

/** shortString(Ed25519 signature over data) || data. */
export function signLinkBlob(privateKey: Uint8Array, data: Uint8Array): Uint8Array {
  return encode((w) => w.shortString(ed25519Sign(privateKey, data)).bytes(data));
}

export function encryptLinkBlob(
  key: Uint8Array,
  signedData: Uint8Array,
  paddedLength: number,
  nonce: Uint8Array = randomBytes(NONCE_SIZE),
): Uint8Array {
  return sbEncryptWithNonce(key, nonce, signedData, paddedLength);
}

/** An OwnerAuth for `ownerKey`, signed by the root key or by an already listed owner's key. */
export function newOwnerAuth(
  signerPrivateKey: Uint8Array,
  ownerId: Uint8Array,
  ownerKey: Uint8Array,
): OwnerAuth {
  const authOwnerSig = ed25519Sign(signerPrivateKey, ownerAuthMessage(ownerId, ownerKey));
  return { ownerId, ownerKey, authOwnerSig };
}

export interface NewLinkData {
  readonly rootKeyPair: Ed25519KeyPair;
  readonly fixedData: FixedLinkData;
  readonly linkKey: Uint8Array;
  /** Contact links only: the link ID the creator gives the server in NEW. */
  readonly linkId?: Uint8Array | undefined;
  /** Secretbox key of both blobs, kept to re-encrypt user data for LSET. */
  readonly key: Uint8Array;
  readonly encFixedData: Uint8Array;
  readonly encUserData: Uint8Array;
}

/**
 * Everything the owner needs to publish link data: the root key pair (generated unless given),
 * the link key and ID, and both encrypted blobs signed by the root key.
 */
export function createLinkData(params: {
  readonly fixed: Omit<FixedLinkData, 'rootKey'>;
  readonly userData: ConnLinkData;
  readonly rootKeyPair?: Ed25519KeyPair;
}): NewLinkData {
  const mode = params.fixed.connReq.mode;
  if (params.userData.mode !== mode) {
    throw new EncodeError(`${params.userData.mode} user data for an ${mode} link`);
  }
  const rootKeyPair = params.rootKeyPair ?? ed25519KeyPair();
  const fixedData: FixedLinkData = { ...params.fixed, rootKey: rootKeyPair.publicKey };
  const fixedBytes = encodeFixedLinkData(fixedData);
  const linkKey = linkKeyOf(fixedBytes);
  const linkId = mode === 'contact' ? contactShortLinkKdf(linkKey).linkId : undefined;
  const key = linkDataKey(mode, linkKey);
  const signedFixed = signLinkBlob(rootKeyPair.privateKey, fixedBytes);
  return {
    rootKeyPair,
    fixedData,
    linkKey,
    linkId,
    key,
    encFixedData: encryptLinkBlob(key, signedFixed, FIXED_DATA_PADDED_LENGTH),
    encUserData: encryptUserLinkData(key, rootKeyPair.privateKey, params.userData),
  };
}

/** A new user-data blob for LSET, signed by the root key or by an owner's key. */
export function encryptUserLinkData(
  key: Uint8Array,
  signingPrivateKey: Uint8Array,
  userData: ConnLinkData,
): Uint8Array {
  const signed = signLinkBlob(signingPrivateKey, encodeConnLinkData(userData));
  return encryptLinkBlob(key, signed, USER_DATA_PADDED_LENGTH);
}
