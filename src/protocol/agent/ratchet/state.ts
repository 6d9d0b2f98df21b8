// Double-ratchet state (Signal's "double ratchet with header encryption", X448 and AES-GCM) and
// its storage form. The engine stores the encoded state in the same transaction as the message
// it produced or consumed, so encoding is exact and decoding validates every field.
import type { Reader } from '../../encoding/codec';
import { decodeAll, encode, type Writer } from '../../encoding/codec';
import { DecodeError } from '../../encoding/errors';

export interface RatchetVersions {
  /** Version used for the messages we send now. */
  readonly current: number;
  /** Highest version we support, advertised in every header. */
  readonly maxSupported: number;
}

export interface SendChain {
  /** Peer's current ratchet public key (raw X448). */
  readonly peerDhPublic: Uint8Array;
  readonly chainKey: Uint8Array;
  readonly headerKey: Uint8Array;
}

export interface ReceiveChain {
  readonly chainKey: Uint8Array;
  readonly headerKey: Uint8Array;
}

export interface RatchetState {
  readonly versions: RatchetVersions;
  /** Associated data of every AEAD: joiner's key1 || initiator's key1 (raw X448, 112 bytes). */
  readonly assocData: Uint8Array;
  /** Our current ratchet private key (raw X448). */
  readonly dhPrivate: Uint8Array;
  readonly rootKey: Uint8Array;
  /** Absent until the first DH step on the initiator's side. */
  readonly send?: SendChain | undefined;
  /** Absent until the first message is received. */
  readonly receive?: ReceiveChain | undefined;
  /** Messages sent in the current sending chain. */
  readonly ns: number;
  /** Messages received in the current receiving chain. */
  readonly nr: number;
  /** Length of the previous sending chain. */
  readonly pn: number;
  readonly nextSendHeaderKey: Uint8Array;
  readonly nextReceiveHeaderKey: Uint8Array;
}

const FORMAT = 1;
const KEY = 32;
const X448 = 56;
const AD = 2 * X448;

function sized(r: Reader, size: number, what: string): Uint8Array {
  const b = r.shortString().slice();
  if (b.length !== size) throw new DecodeError(`ratchet state: ${what} must be ${size} bytes`);
  return b;
}

export function encodeRatchetState(s: RatchetState): Uint8Array {
  return encode((w: Writer) => {
    w.byte(FORMAT);
    w.word16(s.versions.current).word16(s.versions.maxSupported);
    w.shortString(s.assocData).shortString(s.dhPrivate).shortString(s.rootKey);
    w.maybe(s.send, (w2, c) =>
      w2.shortString(c.peerDhPublic).shortString(c.chainKey).shortString(c.headerKey),
    );
    w.maybe(s.receive, (w2, c) => w2.shortString(c.chainKey).shortString(c.headerKey));
    w.word32(s.ns).word32(s.nr).word32(s.pn);
    w.shortString(s.nextSendHeaderKey).shortString(s.nextReceiveHeaderKey);
  });
}

export function decodeRatchetState(bytes: Uint8Array): RatchetState {
  return decodeAll(
    bytes,
    (r) => {
      const format = r.byte();
      if (format !== FORMAT) throw new DecodeError(`unknown ratchet state format ${format}`);
      const current = r.word16();
      const maxSupported = r.word16();
      if (current > maxSupported) throw new DecodeError('ratchet state: current version above max');
      return {
        versions: { current, maxSupported },
        assocData: sized(r, AD, 'associated data'),
        dhPrivate: sized(r, X448, 'ratchet private key'),
        rootKey: sized(r, KEY, 'root key'),
        send: r.maybe((r2) => ({
          peerDhPublic: sized(r2, X448, 'peer ratchet key'),
          chainKey: sized(r2, KEY, 'sending chain key'),
          headerKey: sized(r2, KEY, 'sending header key'),
        })),
        receive: r.maybe((r2) => ({
          chainKey: sized(r2, KEY, 'receiving chain key'),
          headerKey: sized(r2, KEY, 'receiving header key'),
        })),
        ns: r.word32(),
        nr: r.word32(),
        pn: r.word32(),
        nextSendHeaderKey: sized(r, KEY, 'next sending header key'),
        nextReceiveHeaderKey: sized(r, KEY, 'next receiving header key'),
      };
    },
    'ratchet state',
  );
}
