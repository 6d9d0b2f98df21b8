// The two plaintexts behind a short link. Fixed data (immutable, hashed into the link key):
//   agent versions || root Ed25519 key || binary connection request [|| shortString entity ID]
// User data (replaceable with LSET, signed by the root key or an owner):
//   'I' || agent versions || user data
//   'C' || agent versions || direct Bool || owners || relays (binary short links) || user data
// Both decoders ignore trailing bytes so that later versions can append fields.
import { concatBytes } from '../../encoding/bytes';
import { Reader, encode, type Writer } from '../../encoding/codec';
import { DecodeError } from '../../encoding/errors';
import { encodeSpki } from '../../crypto/keys';
import { readPublicKey, writePublicKey } from '../keys';
import { readVersionRange, writeVersionRange, type VersionRange } from '../../smp/versions';
import {
  readConnectionMode,
  readConnectionRequest,
  writeConnectionMode,
  writeConnectionRequest,
  type ConnectionMode,
  type ConnectionRequest,
} from './connection-request';
import { readShortLink, writeShortLink, type ContactShortLink } from './short-link';

export interface FixedLinkData {
  readonly agentVersions: VersionRange;
  /** Raw Ed25519 public key that signs the fixed data and authorises owners. */
  readonly rootKey: Uint8Array;
  readonly connReq: ConnectionRequest;
  /** Application-defined stable ID (e.g. a group's identity). */
  readonly linkEntityId?: Uint8Array | undefined;
}

/** An additional key allowed to sign user data, authorised by the root key or an earlier owner. */
export interface OwnerAuth {
  readonly ownerId: Uint8Array;
  /** Raw Ed25519 public key. */
  readonly ownerKey: Uint8Array;
  /** Signature over ownerAuthMessage(ownerId, ownerKey). */
  readonly authOwnerSig: Uint8Array;
}

export interface InvitationLinkData {
  readonly mode: 'invitation';
  readonly agentVersions: VersionRange;
  readonly userData: Uint8Array;
}

export interface ContactLinkData {
  readonly mode: 'contact';
  readonly agentVersions: VersionRange;
  /** Joining through the queue in the fixed data is allowed (not only through relays). */
  readonly direct: boolean;
  readonly owners: readonly OwnerAuth[];
  /** Chat relays that receive requests for this address. */
  readonly relays: readonly ContactShortLink[];
  readonly userData: Uint8Array;
}

export type ConnLinkData = InvitationLinkData | ContactLinkData;

export const ED25519_SIGNATURE_SIZE = 64;

/** The bytes an owner authorisation signs: the raw owner ID followed by the key's SPKI. */
export function ownerAuthMessage(ownerId: Uint8Array, ownerKey: Uint8Array): Uint8Array {
  return concatBytes(ownerId, encodeSpki('ed25519', ownerKey));
}

export function readSignature(r: Reader): Uint8Array {
  const sig = r.shortString().slice();
  if (sig.length !== ED25519_SIGNATURE_SIZE)
    throw new DecodeError('Ed25519 signature must be 64 bytes');
  return sig;
}

export function encodeFixedLinkData(fd: FixedLinkData): Uint8Array {
  return encode((w) => {
    writeVersionRange(w, fd.agentVersions);
    writePublicKey(w, 'ed25519', fd.rootKey);
    writeConnectionRequest(w, fd.connReq);
    if (fd.linkEntityId !== undefined) w.shortString(fd.linkEntityId);
  });
}

export function decodeFixedLinkData(bytes: Uint8Array): FixedLinkData {
  const r = new Reader(bytes);
  const agentVersions = readVersionRange(r);
  const rootKey = readPublicKey(r, 'ed25519');
  const connReq = readConnectionRequest(r);
  // An entity ID follows if the rest starts with a complete shortString; anything after it (or
  // anything that is not one) belongs to versions we do not know yet.
  const len = r.peek();
  const linkEntityId =
    len !== undefined && len < r.remaining ? r.take(len + 1).slice(1) : undefined;
  return { agentVersions, rootKey, connReq, linkEntityId };
}

/** Owner entries are each wrapped in a shortString so that fields can be added later. */
function writeOwnerAuth(w: Writer, o: OwnerAuth): void {
  w.shortString(
    encode((inner) => {
      inner.shortString(o.ownerId);
      writePublicKey(inner, 'ed25519', o.ownerKey);
      inner.shortString(o.authOwnerSig);
    }),
  );
}

function readOwnerAuth(r: Reader): OwnerAuth {
  const inner = new Reader(r.shortString());
  const ownerId = inner.shortString().slice();
  const ownerKey = readPublicKey(inner, 'ed25519');
  const authOwnerSig = readSignature(inner);
  return { ownerId, ownerKey, authOwnerSig };
}

const LARGE_USER_DATA = 0xff;

/** Up to 254 bytes as a shortString, longer as 0xFF followed by a Large. */
function writeUserData(w: Writer, data: Uint8Array): void {
  if (data.length < LARGE_USER_DATA) w.shortString(data);
  else w.byte(LARGE_USER_DATA).large(data);
}

function readUserData(r: Reader): Uint8Array {
  const len = r.byte();
  return (len === LARGE_USER_DATA ? r.large() : r.take(len)).slice();
}

export function encodeConnLinkData(d: ConnLinkData): Uint8Array {
  return encode((w) => {
    writeConnectionMode(w, d.mode);
    writeVersionRange(w, d.agentVersions);
    if (d.mode === 'contact') {
      w.bool(d.direct);
      w.list(d.owners, writeOwnerAuth);
      w.list(d.relays, writeShortLink);
    }
    writeUserData(w, d.userData);
  });
}

export function decodeConnLinkData(bytes: Uint8Array): ConnLinkData {
  const r = new Reader(bytes);
  const mode: ConnectionMode = readConnectionMode(r);
  const agentVersions = readVersionRange(r);
  if (mode === 'invitation') return { mode, agentVersions, userData: readUserData(r) };
  const direct = r.bool();
  const owners = r.list(readOwnerAuth);
  const relays = r.list((r2) => {
    const link = readShortLink(r2);
    if (link.mode !== 'contact') throw new DecodeError('relay link must be a contact link');
    return link;
  });
  return { mode, agentVersions, direct, owners, relays, userData: readUserData(r) };
}
