// Encrypting and decrypting with the double ratchet. Both are pure: they return the next state
// and, for decryption, exactly which skipped message keys to store and which one was used (to
// delete), so the engine persists everything in one transaction. Any error leaves the caller's
// state untouched (nothing half-applied).
import { bytesEqual, concatBytes, toHex, wipe } from '../../encoding/bytes';
import { DecodeError } from '../../encoding/errors';
import { aesGcmDecrypt, aesGcmEncrypt } from '../../crypto/aes-gcm';
import { CryptoError } from '../../crypto/errors';
import { sha256 } from '../../crypto/hash';
import { pad, unpad } from '../../crypto/padding';
import { x448Dh, x448KeyPair, x448PublicKey } from '../../crypto/x448';
import { RatchetError } from './errors';
import {
  PADDED_HEADER_LENGTH,
  decodeEncMessageHeader,
  decodeEncRatchetMessage,
  decodeMsgHeader,
  encodeEncMessageHeader,
  encodeEncRatchetMessage,
  encodeMsgHeader,
  type EncMessageHeader,
  type EncRatchetMessage,
  type MsgHeader,
} from './header';
import { chainKdf, rootKdf } from './kdf';
import type { RatchetState } from './state';

// Every header names our current ratchet public key. Deriving it is an X448 scalar
// multiplication, which would dominate the cost of sending, so the public halves of recent
// ratchet keys are remembered, keyed by a hash of the private key (never the key itself).
const RATCHET_KEY_CACHE_SIZE = 256;
const ratchetPublicKeys = new Map<string, Uint8Array>();

function ratchetPublicKey(privateKey: Uint8Array, known?: Uint8Array): Uint8Array {
  const id = toHex(sha256(privateKey));
  const publicKey = known ?? ratchetPublicKeys.get(id) ?? x448PublicKey(privateKey);
  ratchetPublicKeys.delete(id);
  ratchetPublicKeys.set(id, publicKey);
  if (ratchetPublicKeys.size > RATCHET_KEY_CACHE_SIZE) {
    ratchetPublicKeys.delete(ratchetPublicKeys.keys().next().value!);
  }
  return publicKey;
}

/** At most this many message keys are derived ahead in one chain. */
export const MAX_SKIP = 512;

export interface SkippedMessageKey {
  readonly headerKey: Uint8Array;
  readonly msgNumber: number;
  readonly messageKey: Uint8Array;
  readonly iv: Uint8Array;
}

export interface SkippedKeyRef {
  readonly headerKey: Uint8Array;
  readonly msgNumber: number;
}

export interface RatchetEncryptResult {
  readonly state: RatchetState;
  readonly ciphertext: Uint8Array;
}

export interface RatchetDecryptResult {
  readonly state: RatchetState;
  readonly plaintext: Uint8Array;
  /** Keys of messages skipped over: store them. */
  readonly skippedAdded: readonly SkippedMessageKey[];
  /** The stored key that decrypted this message: delete it. */
  readonly skippedUsed?: SkippedKeyRef | undefined;
}

/** Encrypts `plaintext` padded to `paddedLength` (15840 for messages, 14832 for confirmations). */
export function ratchetEncrypt(
  state: RatchetState,
  plaintext: Uint8Array,
  paddedLength: number,
): RatchetEncryptResult {
  const send = state.send;
  if (!send) {
    throw new RatchetError('NO_SEND_CHAIN', 'no sending chain before a message is received');
  }
  const version = state.versions.current;
  const step = chainKdf(send.chainKey);
  const header = encodeMsgHeader(version, {
    maxVersion: state.versions.maxSupported,
    dhPublic: ratchetPublicKey(state.dhPrivate),
    pn: state.pn,
    ns: state.ns,
  });
  const sealedHeader = aesGcmEncrypt(
    send.headerKey,
    step.headerIv,
    state.assocData,
    pad(header, PADDED_HEADER_LENGTH),
  );
  const encHeader = encodeEncMessageHeader({
    version,
    iv: step.headerIv,
    tag: sealedHeader.tag,
    body: sealedHeader.ciphertext,
  });
  const paddedBody = pad(plaintext, paddedLength);
  const sealed = aesGcmEncrypt(
    step.messageKey,
    step.messageIv,
    concatBytes(state.assocData, encHeader),
    paddedBody,
  );
  wipe(step.messageKey);
  wipe(paddedBody);
  return {
    state: { ...state, send: { ...send, chainKey: step.chainKey }, ns: state.ns + 1 },
    ciphertext: encodeEncRatchetMessage(version, {
      header: encHeader,
      tag: sealed.tag,
      body: sealed.ciphertext,
    }),
  };
}

interface Parsed {
  readonly message: EncRatchetMessage;
  readonly header: EncMessageHeader;
}

function parse(bytes: Uint8Array): Parsed {
  try {
    const message = decodeEncRatchetMessage(bytes);
    return { message, header: decodeEncMessageHeader(message.header) };
  } catch (e) {
    if (e instanceof DecodeError)
      throw new RatchetError('BAD_MESSAGE', `ratchet message: ${e.message}`);
    throw e;
  }
}

/** The header under `key`, or undefined when `key` is not the one it was encrypted with. */
function tryHeader(key: Uint8Array, p: Parsed, ad: Uint8Array): MsgHeader | undefined {
  let plain: Uint8Array;
  try {
    plain = unpad(aesGcmDecrypt(key, p.header.iv, ad, p.header.body, p.header.tag));
  } catch (e) {
    if (e instanceof CryptoError) return undefined;
    throw e;
  }
  try {
    return decodeMsgHeader(p.header.version, plain);
  } catch (e) {
    if (e instanceof DecodeError)
      throw new RatchetError('BAD_MESSAGE', `ratchet header: ${e.message}`);
    throw e;
  }
}

function openBody(messageKey: Uint8Array, iv: Uint8Array, ad: Uint8Array, p: Parsed): Uint8Array {
  let padded: Uint8Array;
  try {
    padded = aesGcmDecrypt(
      messageKey,
      iv,
      concatBytes(ad, p.message.header),
      p.message.body,
      p.message.tag,
    );
  } catch (e) {
    if (e instanceof CryptoError)
      throw new RatchetError('DECRYPT', 'message body does not authenticate');
    throw e;
  }
  try {
    return unpad(padded).slice();
  } catch {
    throw new RatchetError('BAD_MESSAGE', 'message body padding is invalid');
  }
}

/** Derives and returns the keys of messages nr .. untilN-1 of the receiving chain. */
function skipTo(
  state: RatchetState,
  untilN: number,
): { state: RatchetState; keys: SkippedMessageKey[] } {
  const receive = state.receive;
  if (!receive) return { state, keys: [] };
  const nr = state.nr;
  if (nr > untilN + 1) throw new RatchetError('EARLIER', 'earlier message', nr - untilN - 1);
  if (nr === untilN + 1) throw new RatchetError('DUPLICATE', 'duplicate message');
  if (nr + MAX_SKIP < untilN) {
    throw new RatchetError('TOO_MANY_SKIPPED', 'too many skipped messages', untilN + 1 - nr);
  }
  const keys: SkippedMessageKey[] = [];
  let chainKey = receive.chainKey;
  for (let n = nr; n < untilN; n++) {
    const step = chainKdf(chainKey);
    keys.push({
      headerKey: receive.headerKey,
      msgNumber: n,
      messageKey: step.messageKey,
      iv: step.messageIv,
    });
    chainKey = step.chainKey;
  }
  return { state: { ...state, receive: { ...receive, chainKey }, nr: untilN }, keys };
}

/** A new ratchet key: receiving chain from the peer's new key, sending chain from ours. */
function dhStep(state: RatchetState, header: MsgHeader): RatchetState {
  // A KEM ciphertext answers a KEM key we proposed; we never propose one.
  if (header.kem?.kind === 'accepted')
    throw new RatchetError('KEM_STATE', 'unexpected KEM ciphertext');
  const fresh = x448KeyPair();
  ratchetPublicKey(fresh.privateKey, fresh.publicKey);
  let dhReceive: Uint8Array;
  let dhSend: Uint8Array;
  try {
    dhReceive = x448Dh(header.dhPublic, state.dhPrivate);
    dhSend = x448Dh(header.dhPublic, fresh.privateKey);
  } catch (e) {
    if (e instanceof CryptoError) throw new RatchetError('BAD_MESSAGE', 'invalid peer ratchet key');
    throw e;
  }
  const receiveStep = rootKdf(state.rootKey, dhReceive);
  const sendStep = rootKdf(receiveStep.rootKey, dhSend);
  return {
    ...state,
    dhPrivate: fresh.privateKey,
    rootKey: sendStep.rootKey,
    send: {
      peerDhPublic: header.dhPublic,
      chainKey: sendStep.chainKey,
      headerKey: state.nextSendHeaderKey,
    },
    receive: { chainKey: receiveStep.chainKey, headerKey: state.nextReceiveHeaderKey },
    pn: state.ns,
    ns: 0,
    nr: 0,
    nextSendHeaderKey: sendStep.nextHeaderKey,
    nextReceiveHeaderKey: receiveStep.nextHeaderKey,
  };
}

/** A header advertising a higher version moves us up to what both sides support. */
function upgradeVersion(state: RatchetState, peerMax: number): RatchetState {
  const { current, maxSupported } = state.versions;
  if (peerMax <= current) return state;
  return {
    ...state,
    versions: { current: Math.max(current, Math.min(peerMax, maxSupported)), maxSupported },
  };
}

function decryptWith(
  state: RatchetState,
  header: MsgHeader,
  newChain: boolean,
  p: Parsed,
): RatchetDecryptResult {
  let s = upgradeVersion(state, header.maxVersion);
  const skippedAdded: SkippedMessageKey[] = [];
  if (newChain) {
    const previous = skipTo(s, header.pn);
    skippedAdded.push(...previous.keys);
    s = dhStep(previous.state, header);
  }
  const current = skipTo(s, header.ns);
  skippedAdded.push(...current.keys);
  s = current.state;
  const receive = s.receive!; // set by dhStep or already present on the same chain
  const step = chainKdf(receive.chainKey);
  const plaintext = openBody(step.messageKey, step.messageIv, s.assocData, p);
  wipe(step.messageKey);
  return {
    state: { ...s, receive: { ...receive, chainKey: step.chainKey }, nr: s.nr + 1 },
    plaintext,
    skippedAdded,
  };
}

/**
 * Decrypts one message. `skipped` are the stored skipped keys of this connection; the header
 * is tried with their header keys first, then the current and the next receiving header keys.
 */
export function ratchetDecrypt(
  state: RatchetState,
  skipped: readonly SkippedMessageKey[],
  message: Uint8Array,
): RatchetDecryptResult {
  const p = parse(message);
  const ad = state.assocData;
  const headerKeys = skipped
    .map((k) => k.headerKey)
    .filter((hk, i, all) => all.findIndex((other) => bytesEqual(other, hk)) === i);
  for (const hk of headerKeys) {
    const header = tryHeader(hk, p, ad);
    if (header === undefined) continue;
    const key = skipped.find((k) => k.msgNumber === header.ns && bytesEqual(k.headerKey, hk));
    if (key) {
      const plaintext = openBody(key.messageKey, key.iv, ad, p);
      return {
        state,
        plaintext,
        skippedAdded: [],
        skippedUsed: { headerKey: hk, msgNumber: header.ns },
      };
    }
    if (state.receive && bytesEqual(hk, state.receive.headerKey))
      return decryptWith(state, header, false, p);
    if (bytesEqual(hk, state.nextReceiveHeaderKey)) return decryptWith(state, header, true, p);
    throw new RatchetError('HEADER', 'message key of an old chain is gone');
  }
  if (state.receive) {
    const header = tryHeader(state.receive.headerKey, p, ad);
    if (header) return decryptWith(state, header, false, p);
  }
  const header = tryHeader(state.nextReceiveHeaderKey, p, ad);
  if (header) return decryptWith(state, header, true, p);
  throw new RatchetError('HEADER', 'no header key decrypts the message header');
}
