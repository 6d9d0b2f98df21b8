// Double-ratchet parameters exchanged in the handshake: two X448 keys per party and, from e2e
// version 3, an optional sntrup761 KEM part. We never propose KEM, but peers may, so it is parsed
// and kept. Text form (inside `e2e=` of invitations, never escaped itself):
//   v=<e2e versions>&x3dh=<key1>,<key2>[&kem_ct=<ciphertext>][&kem_key=<public key>]
import { base64url, fromBase64url } from '../../encoding/base64';
import type { Reader, Writer } from '../../encoding/codec';
import { DecodeError } from '../../encoding/errors';
import { publicKeyFromText, publicKeyToText, readPublicKey, writePublicKey } from '../keys';
import { QueryParams, renderQuery } from '../uri/query';
import { E2eVersion, formatVersionRange, parseVersionRange } from '../versions';
import { readVersionRange, writeVersionRange, type VersionRange } from '../../smp/versions';

export const KEM_PUBLIC_KEY_SIZE = 1158;
export const KEM_CIPHERTEXT_SIZE = 1039;

/** A KEM encapsulation key proposed, or a ciphertext for the peer's key plus our next key. */
export type KemParams =
  | { readonly kind: 'proposed'; readonly publicKey: Uint8Array }
  | { readonly kind: 'accepted'; readonly ciphertext: Uint8Array; readonly publicKey: Uint8Array };

/** What an invitation publishes: the e2e versions its creator supports and two X448 keys. */
export interface E2eRatchetParamsUri {
  readonly versions: VersionRange;
  /** Raw X448 public keys. */
  readonly key1: Uint8Array;
  readonly key2: Uint8Array;
  readonly kem?: KemParams | undefined;
}

/** The same keys at one agreed version (confirmations, ratchet re-negotiation). */
export interface E2eRatchetParams {
  readonly version: number;
  readonly key1: Uint8Array;
  readonly key2: Uint8Array;
  readonly kem?: KemParams | undefined;
}

function checkKemSize(bytes: Uint8Array, size: number, what: string): Uint8Array {
  if (bytes.length !== size) throw new DecodeError(`sntrup761 ${what} must be ${size} bytes`);
  return bytes;
}

export function writeKemParams(w: Writer, kem: KemParams): void {
  if (kem.kind === 'proposed') {
    w.ascii('P').large(kem.publicKey);
  } else {
    w.ascii('A').large(kem.ciphertext).large(kem.publicKey);
  }
}

export function readKemParams(r: Reader): KemParams {
  const tag = r.byte();
  if (tag === 0x50 /* P */) {
    return { kind: 'proposed', publicKey: checkKemSize(r.large(), KEM_PUBLIC_KEY_SIZE, 'key') };
  }
  if (tag === 0x41 /* A */) {
    const ciphertext = checkKemSize(r.large(), KEM_CIPHERTEXT_SIZE, 'ciphertext');
    return {
      kind: 'accepted',
      ciphertext,
      publicKey: checkKemSize(r.large(), KEM_PUBLIC_KEY_SIZE, 'key'),
    };
  }
  throw new DecodeError(`invalid KEM parameters tag 0x${tag.toString(16)}`);
}

const hasKemField = (version: number) => version >= E2eVersion.pqRatchet;

export function writeE2eParams(w: Writer, p: E2eRatchetParams): void {
  w.word16(p.version);
  writePublicKey(w, 'x448', p.key1);
  writePublicKey(w, 'x448', p.key2);
  if (hasKemField(p.version)) w.maybe(p.kem, writeKemParams);
}

export function readE2eParams(r: Reader): E2eRatchetParams {
  const version = r.word16();
  const key1 = readPublicKey(r, 'x448');
  const key2 = readPublicKey(r, 'x448');
  const kem = hasKemField(version) ? r.maybe(readKemParams) : undefined;
  return { version, key1, key2, kem };
}

// The binary invitation (inside short-link data) carries the range; the KEM field follows the
// rule of the text form and of the header: present when the range reaches version 3.
export function writeE2eParamsUri(w: Writer, p: E2eRatchetParamsUri): void {
  writeVersionRange(w, p.versions);
  writePublicKey(w, 'x448', p.key1);
  writePublicKey(w, 'x448', p.key2);
  if (hasKemField(p.versions.max)) w.maybe(p.kem, writeKemParams);
}

export function readE2eParamsUri(r: Reader): E2eRatchetParamsUri {
  const versions = readVersionRange(r);
  const key1 = readPublicKey(r, 'x448');
  const key2 = readPublicKey(r, 'x448');
  const kem = hasKemField(versions.max) ? r.maybe(readKemParams) : undefined;
  return { versions, key1, key2, kem };
}

/** The unescaped text form; the connection link escapes it as the value of `e2e=`. */
export function formatE2eParamsUri(p: E2eRatchetParamsUri): string {
  const pairs: [string, string][] = [
    ['v', formatVersionRange(p.versions)],
    ['x3dh', `${publicKeyToText('x448', p.key1)},${publicKeyToText('x448', p.key2)}`],
  ];
  if (p.kem && hasKemField(p.versions.max)) {
    if (p.kem.kind === 'accepted') pairs.push(['kem_ct', base64url(p.kem.ciphertext)]);
    pairs.push(['kem_key', base64url(p.kem.publicKey)]);
  }
  return renderQuery(pairs, false);
}

export function parseE2eParamsUri(s: string): E2eRatchetParamsUri {
  const q = QueryParams.parse(s);
  const versions = parseVersionRange(q.require('v'));
  const keys = q.require('x3dh').split(',');
  if (keys.length !== 2) throw new DecodeError('x3dh must hold exactly two keys');
  const key1 = publicKeyFromText('x448', keys[0]!);
  const key2 = publicKeyFromText('x448', keys[1]!);
  return { versions, key1, key2, kem: hasKemField(versions.max) ? parseKem(q) : undefined };
}

function parseKem(q: QueryParams): KemParams | undefined {
  const key = q.get('kem_key');
  if (key === undefined) return undefined;
  const publicKey = checkKemSize(fromBase64url(key), KEM_PUBLIC_KEY_SIZE, 'key');
  const ct = q.get('kem_ct');
  if (ct === undefined) return { kind: 'proposed', publicKey };
  return {
    kind: 'accepted',
    ciphertext: checkKemSize(fromBase64url(ct), KEM_CIPHERTEXT_SIZE, 'ciphertext'),
    publicKey,
  };
}
