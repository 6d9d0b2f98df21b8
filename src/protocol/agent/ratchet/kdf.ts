// The three HKDF-SHA512 derivations of the double ratchet, each 96 bytes split 32/32/32.
import { concatBytes } from '../../encoding/bytes';
import { hkdf512 } from '../../crypto/hash';

function hkdf3(
  salt: Uint8Array,
  ikm: Uint8Array,
  info: string,
): [Uint8Array, Uint8Array, Uint8Array] {
  const out = hkdf512(salt, ikm, info, 96);
  return [out.slice(0, 32), out.slice(32, 64), out.slice(64, 96)];
}

const X3DH_SALT = new Uint8Array(64);
const EMPTY = new Uint8Array(0);

export interface X3dhSecrets {
  /** The joiner's first sending header key (the initiator's first receiving one). */
  readonly headerKey: Uint8Array;
  /** The initiator's first sending header key (the joiner's next receiving one). */
  readonly nextHeaderKey: Uint8Array;
  readonly rootKey: Uint8Array;
}

/** X3DH output: HKDF(salt = 64 zero bytes, dh1 || dh2 || dh3, "SimpleXX3DH"). */
export function x3dhKdf(dh1: Uint8Array, dh2: Uint8Array, dh3: Uint8Array): X3dhSecrets {
  const [headerKey, nextHeaderKey, rootKey] = hkdf3(
    X3DH_SALT,
    concatBytes(dh1, dh2, dh3),
    'SimpleXX3DH',
  );
  return { headerKey, nextHeaderKey, rootKey };
}

export interface RootStep {
  readonly rootKey: Uint8Array;
  readonly chainKey: Uint8Array;
  readonly nextHeaderKey: Uint8Array;
}

/** DH ratchet step: HKDF(salt = root key, DH output, "SimpleXRootRatchet"). */
export function rootKdf(rootKey: Uint8Array, dhOutput: Uint8Array): RootStep {
  const [newRootKey, chainKey, nextHeaderKey] = hkdf3(rootKey, dhOutput, 'SimpleXRootRatchet');
  return { rootKey: newRootKey, chainKey, nextHeaderKey };
}

export interface ChainStep {
  readonly chainKey: Uint8Array;
  readonly messageKey: Uint8Array;
  readonly messageIv: Uint8Array;
  readonly headerIv: Uint8Array;
}

/** Symmetric step: HKDF(empty salt, chain key, "SimpleXChainRatchet"); IVs are 16 bytes each. */
export function chainKdf(chainKey: Uint8Array): ChainStep {
  const [next, messageKey, ivs] = hkdf3(EMPTY, chainKey, 'SimpleXChainRatchet');
  return { chainKey: next, messageKey, messageIv: ivs.slice(0, 16), headerIv: ivs.slice(16, 32) };
}
