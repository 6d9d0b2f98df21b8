// Wire layout of a ratchet message:
//   message        = lenPrefixed(encrypted header) || body tag (16) || body ciphertext (rest)
//   encrypted hdr  = e2e version (Word16) || header IV (16) || header tag (16) || lenPrefixed(body)
//   header body    = AES-GCM(pad(max version || shortString(X448 SPKI) || [v3: Maybe KEM] || PN || N, 88))
// lenPrefixed is a 1-byte length before e2e version 3 and a 2-byte one from it. Readers tell
// them apart by the first byte: a header is never shorter than 32 bytes, so a first byte below
// 32 can only start a 2-byte length, which lets a peer upgrade within one message.
import { Reader, decodeAll, encode, type Writer } from '../../encoding/codec';
import { readPublicKey, writePublicKey } from '../keys';
import { E2eVersion } from '../versions';
import { readKemParams, writeKemParams, type KemParams } from './e2e-params';

export const PADDED_HEADER_LENGTH = 88;
const IV_SIZE = 16;
const TAG_SIZE = 16;

export interface MsgHeader {
  /** Highest e2e version the sender supports (drives version upgrades). */
  readonly maxVersion: number;
  /** Sender's current ratchet public key (raw X448). */
  readonly dhPublic: Uint8Array;
  /** KEM part of PQ peers; parsed and ignored when only proposed. */
  readonly kem?: KemParams | undefined;
  /** Length of the sender's previous sending chain. */
  readonly pn: number;
  /** Message number in the current sending chain. */
  readonly ns: number;
}

export interface EncMessageHeader {
  readonly version: number;
  readonly iv: Uint8Array;
  readonly tag: Uint8Array;
  readonly body: Uint8Array;
}

export interface EncRatchetMessage {
  /** The encoded EncMessageHeader, also part of the body's associated data. */
  readonly header: Uint8Array;
  readonly tag: Uint8Array;
  readonly body: Uint8Array;
}

const hasKemField = (version: number) => version >= E2eVersion.pqRatchet;

function writeLenPrefixed(w: Writer, version: number, b: Uint8Array): void {
  if (hasKemField(version)) w.large(b);
  else w.shortString(b);
}

function readLenPrefixed(r: Reader): Uint8Array {
  return (r.peek() ?? 0) < 32 ? r.large() : r.shortString();
}

/** The header plaintext at the sender's current version `version`. */
export function encodeMsgHeader(version: number, h: MsgHeader): Uint8Array {
  return encode((w) => {
    w.word16(h.maxVersion);
    writePublicKey(w, 'x448', h.dhPublic);
    if (hasKemField(version)) w.maybe(h.kem, writeKemParams);
    w.word32(h.pn).word32(h.ns);
  });
}

/** Bytes after N are allowed: later versions may extend the header inside its padding. */
export function decodeMsgHeader(version: number, bytes: Uint8Array): MsgHeader {
  const r = new Reader(bytes);
  const maxVersion = r.word16();
  const dhPublic = readPublicKey(r, 'x448');
  const kem = hasKemField(version) ? r.maybe(readKemParams) : undefined;
  return { maxVersion, dhPublic, kem, pn: r.word32(), ns: r.word32() };
}

export function encodeEncMessageHeader(h: EncMessageHeader): Uint8Array {
  return encode((w) => {
    w.word16(h.version).bytes(h.iv).bytes(h.tag);
    writeLenPrefixed(w, h.version, h.body);
  });
}

export function decodeEncMessageHeader(bytes: Uint8Array): EncMessageHeader {
  return decodeAll(
    bytes,
    (r) => ({
      version: r.word16(),
      iv: r.take(IV_SIZE),
      tag: r.take(TAG_SIZE),
      body: readLenPrefixed(r),
    }),
    'encrypted ratchet header',
  );
}

export function encodeEncRatchetMessage(version: number, m: EncRatchetMessage): Uint8Array {
  return encode((w) => {
    writeLenPrefixed(w, version, m.header);
    w.bytes(m.tag).bytes(m.body);
  });
}

export function decodeEncRatchetMessage(bytes: Uint8Array): EncRatchetMessage {
  const r = new Reader(bytes);
  return { header: readLenPrefixed(r), tag: r.take(TAG_SIZE), body: r.tail() };
}
