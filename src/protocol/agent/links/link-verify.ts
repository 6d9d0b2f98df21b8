// Reading link data (LGET / LKEY) and verifying all of it before anything is trusted: both blobs
// decrypt, SHA3-256 of the fixed data is the link key, the root key signed the fixed data, the
// owner chain is valid and the user data is signed by the root key or an owner. Every failure is a
// LinkDataError with its own code.
import { base64urlNoPad } from '../../encoding/base64';
import { bytesEqual } from '../../encoding/bytes';
import { Reader } from '../../encoding/codec';
import { DecodeError } from '../../encoding/errors';
import { cbDecrypt, NONCE_SIZE } from '../../crypto/box';
import { CryptoError } from '../../crypto/errors';
import { ed25519Verify } from '../../crypto/ed25519';
import { sameQueueAddress, type SndQueueAddress } from '../queue/queue-binary';
import type { ConnectionMode } from './connection-request';
import { linkDataKey, linkKeyOf } from './link-crypto';
import {
  decodeConnLinkData,
  decodeFixedLinkData,
  ownerAuthMessage,
  readSignature,
  type ConnLinkData,
  type FixedLinkData,
  type OwnerAuth,
} from './link-data';

export type LinkDataErrorCode =
  | 'DECRYPT' // a blob does not authenticate under the link's key
  | 'MALFORMED' // decrypted data does not parse
  | 'MODE' // data of an invitation behind a contact link, or the reverse
  | 'HASH' // SHA3-256 of the fixed data is not the link key
  | 'FIXED_SIGNATURE' // fixed data not signed by its root key
  | 'OWNER_IS_ROOT' // an owner key equals the root key
  | 'DUPLICATE_OWNER' // an owner ID or key appears twice
  | 'OWNER_AUTH' // an owner is not signed by the root key or an earlier owner
  | 'USER_SIGNATURE' // user data not signed by the root key (or, for contacts, an owner)
  | 'DIFFERENT_ADDRESS'; // the server's queue is not the one in the connection request

export class LinkDataError extends Error {
  override readonly name = 'LinkDataError';
  constructor(
    readonly code: LinkDataErrorCode,
    message: string,
    /** The offending owner, for owner-chain errors. */
    readonly ownerId?: Uint8Array,
  ) {
    super(message);
  }
}

export interface LinkDataBlobs {
  readonly encFixedData: Uint8Array;
  readonly encUserData: Uint8Array;
}

export interface VerifiedLinkData {
  readonly fixedData: FixedLinkData;
  readonly userData: ConnLinkData;
}

function openBlob(key: Uint8Array, blob: Uint8Array, what: string) {
  let plain: Uint8Array;
  try {
    plain = cbDecrypt(key, blob.subarray(0, NONCE_SIZE), blob.subarray(NONCE_SIZE));
  } catch (e) {
    if (!(e instanceof CryptoError)) throw e;
    const code = e.code === 'INVALID_MSG' ? 'MALFORMED' : 'DECRYPT';
    throw new LinkDataError(code, `${what}: ${e.message}`);
  }
  return parsing(what, () => {
    const r = new Reader(plain);
    const signature = readSignature(r);
    return { signature, data: r.tail().slice() };
  });
}

function parsing<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof DecodeError || e instanceof CryptoError) {
      throw new LinkDataError('MALFORMED', `${what}: ${e.message}`);
    }
    throw e;
  }
}

const idText = (o: OwnerAuth) => base64urlNoPad(o.ownerId);

/**
 * Owners form a chain: none may use the root key, IDs and keys are unique, and each owner is
 * signed by the root key or by an owner listed before it (so the chain has no loops).
 */
export function validateLinkOwners(rootKey: Uint8Array, owners: readonly OwnerAuth[]): void {
  owners.forEach((o, i) => {
    const earlier = owners.slice(0, i);
    if (bytesEqual(o.ownerKey, rootKey)) {
      throw new LinkDataError(
        'OWNER_IS_ROOT',
        `owner key for ID ${idText(o)} matches root key`,
        o.ownerId,
      );
    }
    if (
      earlier.some((e) => bytesEqual(e.ownerId, o.ownerId) || bytesEqual(e.ownerKey, o.ownerKey))
    ) {
      throw new LinkDataError(
        'DUPLICATE_OWNER',
        `duplicate owner key or ID ${idText(o)}`,
        o.ownerId,
      );
    }
    const msg = ownerAuthMessage(o.ownerId, o.ownerKey);
    const signers = [rootKey, ...earlier.map((e) => e.ownerKey)];
    if (!signers.some((k) => ed25519Verify(k, msg, o.authOwnerSig))) {
      throw new LinkDataError(
        'OWNER_AUTH',
        `invalid authorization of owner ID ${idText(o)}`,
        o.ownerId,
      );
    }
  });
}

/** Decrypts and fully verifies the blobs returned for a link (mode and key from the link). */
export function decryptLinkData(
  link: { readonly mode: ConnectionMode; readonly linkKey: Uint8Array },
  blobs: LinkDataBlobs,
): VerifiedLinkData {
  const key = linkDataKey(link.mode, link.linkKey);
  const fixed = openBlob(key, blobs.encFixedData, 'fixed link data');
  const user = openBlob(key, blobs.encUserData, 'user link data');
  const fixedData = parsing('fixed link data', () => decodeFixedLinkData(fixed.data));
  const userData = parsing('user link data', () => decodeConnLinkData(user.data));
  if (fixedData.connReq.mode !== link.mode || userData.mode !== link.mode) {
    throw new LinkDataError('MODE', `link data is not for an ${link.mode} link`);
  }
  if (!bytesEqual(linkKeyOf(fixed.data), link.linkKey)) {
    throw new LinkDataError('HASH', 'link data hash');
  }
  const { rootKey } = fixedData;
  if (!ed25519Verify(rootKey, fixed.data, fixed.signature)) {
    throw new LinkDataError('FIXED_SIGNATURE', 'link data signature');
  }
  const signers = [rootKey];
  if (userData.mode === 'contact') {
    validateLinkOwners(rootKey, userData.owners);
    signers.push(...userData.owners.map((o) => o.ownerKey));
  }
  if (!signers.some((k) => ed25519Verify(k, user.data, user.signature))) {
    throw new LinkDataError('USER_SIGNATURE', 'user data signature');
  }
  return { fixedData, userData };
}

/**
 * The LNK response names the queue's sender ID; it and the link's server must be the first queue
 * of the connection request in the fixed data (same hosts and port), or the server lied.
 */
export function checkLinkQueue(fixedData: FixedLinkData, lnk: SndQueueAddress): void {
  const q = fixedData.connReq.queues[0];
  if (q === undefined || !sameQueueAddress(q, lnk)) {
    throw new LinkDataError('DIFFERENT_ADDRESS', 'different address');
  }
}
