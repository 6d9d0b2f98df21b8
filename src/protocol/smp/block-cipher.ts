/**
 * Block encryption inside TLS (v11+): two symmetric ratchets derived from the handshake DH
 * secret. Each block advances one chain: HKDF gives the next chain key, a secretbox key and a
 * nonce; the payload is padded to 16368 bytes and sealed with the SimpleX secretbox, so every
 * block is exactly 16384 bytes. The server sends with chain 1 and receives with chain 2.
 */
import { boxOpen, boxSeal, BOX_TAG_SIZE } from '../crypto/box';
import { hkdf512 } from '../crypto/hash';
import { wipe } from '../encoding/bytes';
import { DecodeError } from '../encoding/errors';
import { padBlock, padTo, SMP_BLOCK_SIZE, unpadBlock, unpadFrom } from './block';
import { SMP_VERSION } from './versions';

const CHAIN_INIT_INFO = 'SimpleXSbChainInit';
const CHAIN_INFO = 'SimpleXSbChain';
const EMPTY = new Uint8Array(0);

/** Size a payload is padded to before sealing. */
export const ENCRYPTED_BLOCK_PADDED_SIZE = SMP_BLOCK_SIZE - BOX_TAG_SIZE;

/** The two initial chain keys: [ck1 (server -> client), ck2 (client -> server)]. */
export function sbcInit(sessionId: Uint8Array, dhSecret: Uint8Array): [Uint8Array, Uint8Array] {
  const out = hkdf512(sessionId, dhSecret, CHAIN_INIT_INFO, 64);
  return [out.slice(0, 32), out.slice(32, 64)];
}

export interface ChainStep {
  readonly nextChainKey: Uint8Array;
  readonly key: Uint8Array;
  readonly nonce: Uint8Array;
}

/** One step of a chain: next chain key (32) || secretbox key (32) || nonce (24). */
export function sbcHkdf(chainKey: Uint8Array): ChainStep {
  const out = hkdf512(EMPTY, chainKey, CHAIN_INFO, 88);
  return { nextChainKey: out.slice(0, 32), key: out.slice(32, 64), nonce: out.slice(64, 88) };
}

/** Seals a batch payload into one 16384-byte block. */
export function encryptBlock(key: Uint8Array, nonce: Uint8Array, payload: Uint8Array): Uint8Array {
  return boxSeal(key, nonce, padTo(payload, ENCRYPTED_BLOCK_PADDED_SIZE));
}

/** Opens a block: CryptoError('DECRYPT') if it does not authenticate, DecodeError if malformed. */
export function decryptBlock(key: Uint8Array, nonce: Uint8Array, block: Uint8Array): Uint8Array {
  if (block.length !== SMP_BLOCK_SIZE) throw new DecodeError(`block of ${block.length} bytes`);
  return unpadFrom(boxOpen(key, nonce, block));
}

/** Turns batch payloads into blocks and back, for one direction pair of a connection. */
export interface BlockCodec {
  encode(payload: Uint8Array): Uint8Array;
  decode(block: Uint8Array): Uint8Array;
}

/** Blocks that are only padded: the handshake, versions before 11, and proxy links. */
export const plainBlocks: BlockCodec = { encode: padBlock, decode: unpadBlock };

/**
 * The stateful pair of chains of one connection. Blocks must be sealed and opened in the order
 * they travel; a block that fails to open leaves the receive chain advanced, as upstream does,
 * so the connection must be closed.
 */
export class BlockCipher implements BlockCodec {
  private constructor(
    private sendKey: Uint8Array,
    private receiveKey: Uint8Array,
  ) {}

  static forServer(sessionId: Uint8Array, dhSecret: Uint8Array): BlockCipher {
    const [ck1, ck2] = sbcInit(sessionId, dhSecret);
    return new BlockCipher(ck1, ck2);
  }

  static forClient(sessionId: Uint8Array, dhSecret: Uint8Array): BlockCipher {
    const [ck1, ck2] = sbcInit(sessionId, dhSecret);
    return new BlockCipher(ck2, ck1);
  }

  encode(payload: Uint8Array): Uint8Array {
    const step = sbcHkdf(this.sendKey);
    wipe(this.sendKey);
    this.sendKey = step.nextChainKey;
    try {
      return encryptBlock(step.key, step.nonce, payload);
    } finally {
      wipe(step.key);
    }
  }

  decode(block: Uint8Array): Uint8Array {
    const step = sbcHkdf(this.receiveKey);
    wipe(this.receiveKey);
    this.receiveKey = step.nextChainKey;
    try {
      return decryptBlock(step.key, step.nonce, block);
    } finally {
      wipe(step.key);
    }
  }
}

export interface BlockCodecOptions {
  readonly role: 'client' | 'server';
  readonly version: number;
  readonly sessionId: Uint8Array;
  /** DH(client handshake key, server session key); absent when the client sent no key. */
  readonly dhSecret?: Uint8Array | undefined;
  /** The client declared itself a proxy server (v14+): proxy links are not block-encrypted. */
  readonly proxyServer: boolean;
}

/** The codec for the blocks after the handshake. */
export function blockCodecFor(o: BlockCodecOptions): BlockCodec {
  if (o.version < SMP_VERSION.encryptedBlock || o.proxyServer || !o.dhSecret) return plainBlocks;
  return o.role === 'server'
    ? BlockCipher.forServer(o.sessionId, o.dhSecret)
    : BlockCipher.forClient(o.sessionId, o.dhSecret);
}
