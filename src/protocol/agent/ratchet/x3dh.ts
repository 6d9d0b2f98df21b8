// X3DH with two X448 key pairs per party and no identity keys. The initiator (who made the
// invitation) publishes key1, key2; the joiner answers with its own key1', key2' and
//   dh1 = DH(initiator key1, joiner key2'), dh2 = DH(initiator key2, joiner key1'),
//   dh3 = DH(initiator key2, joiner key2'),  AD = joiner key1' || initiator key1.
// The initiator's key2 doubles as its first ratchet key. Private keys are returned to the caller
// to store until the handshake completes, then wipe. We never propose post-quantum KEM.
import { concatBytes } from '../../encoding/bytes';
import { x448Dh, x448KeyPair, x448PublicKey, type X448KeyPair } from '../../crypto/x448';
import { E2E_VERSIONS } from '../versions';
import { isVersionInRange, type VersionRange } from '../../smp/versions';
import type { E2eRatchetParams, E2eRatchetParamsUri } from './e2e-params';
import { RatchetError } from './errors';
import { rootKdf, x3dhKdf } from './kdf';
import type { RatchetState, RatchetVersions } from './state';

export interface X3dhPrivateKeys {
  /** Raw X448 private keys matching key1 and key2 of the published parameters. */
  readonly key1: Uint8Array;
  readonly key2: Uint8Array;
}

export interface RatchetInitParams {
  readonly assocData: Uint8Array;
  readonly rootKey: Uint8Array;
  /** Joiner: its first sending header key; initiator: its first receiving header key. */
  readonly headerKey: Uint8Array;
  /** Joiner: its next receiving header key; initiator: its next sending header key. */
  readonly nextHeaderKey: Uint8Array;
}

function newKeys(): { keys: X448KeyPair[]; privateKeys: X3dhPrivateKeys } {
  const k1 = x448KeyPair();
  const k2 = x448KeyPair();
  return { keys: [k1, k2], privateKeys: { key1: k1.privateKey, key2: k2.privateKey } };
}

/** Initiator: the `e2e=` parameters of a new invitation. */
export function newInitiatorE2eParams(versions: VersionRange = E2E_VERSIONS): {
  params: E2eRatchetParamsUri;
  privateKeys: X3dhPrivateKeys;
} {
  const { keys, privateKeys } = newKeys();
  return { params: { versions, key1: keys[0]!.publicKey, key2: keys[1]!.publicKey }, privateKeys };
}

/** Joiner (or either side re-negotiating): parameters at the agreed e2e version. */
export function newJoinerE2eParams(version: number): {
  params: E2eRatchetParams;
  privateKeys: X3dhPrivateKeys;
} {
  const { keys, privateKeys } = newKeys();
  return { params: { version, key1: keys[0]!.publicKey, key2: keys[1]!.publicKey }, privateKeys };
}

function fromSecrets(
  assocData: Uint8Array,
  dh: [Uint8Array, Uint8Array, Uint8Array],
): RatchetInitParams {
  const s = x3dhKdf(...dh);
  return { assocData, rootKey: s.rootKey, headerKey: s.headerKey, nextHeaderKey: s.nextHeaderKey };
}

/** Joiner's side of X3DH against the initiator's published keys. */
export function x3dhJoiner(
  own: X3dhPrivateKeys,
  initiator: { key1: Uint8Array; key2: Uint8Array },
): RatchetInitParams {
  const assocData = concatBytes(x448PublicKey(own.key1), initiator.key1);
  return fromSecrets(assocData, [
    x448Dh(initiator.key1, own.key2),
    x448Dh(initiator.key2, own.key1),
    x448Dh(initiator.key2, own.key2),
  ]);
}

/** Initiator's side of X3DH against the keys in the joiner's confirmation. */
export function x3dhInitiator(
  own: X3dhPrivateKeys,
  joiner: { key1: Uint8Array; key2: Uint8Array },
): RatchetInitParams {
  const assocData = concatBytes(joiner.key1, x448PublicKey(own.key1));
  return fromSecrets(assocData, [
    x448Dh(joiner.key2, own.key1),
    x448Dh(joiner.key1, own.key2),
    x448Dh(joiner.key2, own.key2),
  ]);
}

/**
 * Joiner's ratchet: sends first, with a fresh ratchet key against the initiator's key2.
 * (RatchetInitAliceHE: HKs = header key, NHKr = next header key.)
 */
export function initSendRatchet(
  versions: RatchetVersions,
  peerDhPublic: Uint8Array,
  init: RatchetInitParams,
  dhKeyPair: X448KeyPair = x448KeyPair(),
): RatchetState {
  const step = rootKdf(init.rootKey, x448Dh(peerDhPublic, dhKeyPair.privateKey));
  return {
    versions,
    assocData: init.assocData,
    dhPrivate: dhKeyPair.privateKey,
    rootKey: step.rootKey,
    send: { peerDhPublic, chainKey: step.chainKey, headerKey: init.headerKey },
    receive: undefined,
    ns: 0,
    nr: 0,
    pn: 0,
    nextSendHeaderKey: step.nextHeaderKey,
    nextReceiveHeaderKey: init.nextHeaderKey,
  };
}

/**
 * Initiator's ratchet: its key2 is the first ratchet key; it can send only after receiving.
 * (RatchetInitBobHE: NHKs = next header key, NHKr = header key.)
 */
export function initReceiveRatchet(
  versions: RatchetVersions,
  ownDhPrivate: Uint8Array,
  init: RatchetInitParams,
): RatchetState {
  return {
    versions,
    assocData: init.assocData,
    dhPrivate: ownDhPrivate,
    rootKey: init.rootKey,
    send: undefined,
    receive: undefined,
    ns: 0,
    nr: 0,
    pn: 0,
    nextSendHeaderKey: init.nextHeaderKey,
    nextReceiveHeaderKey: init.headerKey,
  };
}

function agreedVersions(version: number, maxSupported: number): RatchetVersions {
  if (!isVersionInRange(version, { min: E2E_VERSIONS.min, max: maxSupported })) {
    throw new RatchetError('VERSION', `unsupported e2e version ${version}`);
  }
  return { current: version, maxSupported };
}

/** Joiner: X3DH and the sending ratchet, at the version agreed from the invitation's range. */
export function joinerRatchet(
  own: X3dhPrivateKeys,
  initiator: E2eRatchetParams,
  maxSupported: number = E2E_VERSIONS.max,
): RatchetState {
  const versions = agreedVersions(initiator.version, maxSupported);
  return initSendRatchet(versions, initiator.key2, x3dhJoiner(own, initiator));
}

/** Initiator: X3DH and the receiving ratchet from the joiner's confirmation parameters. */
export function initiatorRatchet(
  own: X3dhPrivateKeys,
  joiner: E2eRatchetParams,
  maxSupported: number = E2E_VERSIONS.max,
): RatchetState {
  // A ciphertext can only answer a KEM key we proposed, and we never propose one.
  if (joiner.kem?.kind === 'accepted') {
    throw new RatchetError('KEM_STATE', 'KEM ciphertext without a proposed KEM key');
  }
  const versions = agreedVersions(joiner.version, maxSupported);
  return initReceiveRatchet(versions, own.key2, x3dhInitiator(own, joiner));
}
