// Fresh keys for each queue (never reused across queues, §6.4) and the per-queue e2e layer:
// sealing an agent envelope for a send queue and the queue addresses we publish.
import {
  encodeAgentEnvelope,
  sealClientMessage,
  type AgentMsgEnvelope,
  type SmpQueueUri,
} from '../../../protocol/agent';
import { ed25519KeyPair, x25519Dh, x25519KeyPair, x25519PublicKey } from '../../../protocol/crypto';
import type { AuthKey } from '../smp/keys';
import type { RcvQueue, SndQueue } from './store/queues';
import { ourClientVersions } from './versions';

export interface RcvQueueKeys {
  /** Ed25519 private key (64 bytes). */
  readonly rcvAuthKey: Uint8Array;
  /** X25519 private key for the server's re-encryption. */
  readonly rcvDhPrivate: Uint8Array;
  /** X25519 private key of the per-queue e2e layer. */
  readonly e2ePrivate: Uint8Array;
}

export function newRcvQueueKeys(): RcvQueueKeys {
  return {
    rcvAuthKey: ed25519KeyPair().privateKey,
    rcvDhPrivate: x25519KeyPair().privateKey,
    e2ePrivate: x25519KeyPair().privateKey,
  };
}

export interface SndQueueKeys {
  readonly sndAuthKey: Uint8Array;
  readonly e2ePrivate: Uint8Array;
  readonly e2eDhSecret: Uint8Array;
}

/** Our keys for a peer's queue whose e2e key (dh=) is `peerDhPublic`. */
export function newSndQueueKeys(peerDhPublic: Uint8Array, sndAuthKey?: Uint8Array): SndQueueKeys {
  const e2ePrivate = x25519KeyPair().privateKey;
  return {
    sndAuthKey: sndAuthKey ?? ed25519KeyPair().privateKey,
    e2ePrivate,
    e2eDhSecret: x25519Dh(peerDhPublic, e2ePrivate),
  };
}

export function authKey(privateKey: Uint8Array): AuthKey {
  return { algorithm: 'ed25519', privateKey };
}

/** The address of our receive queue as peers see it. */
export function ourQueueUri(rq: RcvQueue, senderId: Uint8Array): SmpQueueUri {
  return {
    clientVersions: ourClientVersions(),
    server: rq.server,
    senderId,
    dhPublicKey: x25519PublicKey(rq.e2ePrivate),
    queueMode: rq.queueMode,
  };
}

/**
 * The SEND body for `sq`: the envelope in the per-queue e2e layer. Confirmations and requests
 * carry our per-queue public key in the public header, so the recipient can derive the secret.
 */
export function sealForQueue(
  sq: SndQueue,
  envelope: AgentMsgEnvelope,
  withPublicKey: boolean,
): Uint8Array {
  return sealClientMessage({
    smpClientVersion: sq.smpClientVersion,
    senderDhKey: withPublicKey ? x25519PublicKey(sq.e2ePrivate) : undefined,
    dhSecret: sq.e2eDhSecret,
    message: { privHeader: { kind: 'empty' }, body: encodeAgentEnvelope(envelope) },
  });
}
