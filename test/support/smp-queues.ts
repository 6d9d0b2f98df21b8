// Client-side helpers for SMP server tests, benchmarks and the fuzzer: create queues with fresh
// keys, send recipient and sender commands, and open delivered messages. No test framework here,
// so scripts can use it too.
import {
  decodeSpki,
  ed25519KeyPair,
  encodeSpki,
  x25519Dh,
  x25519KeyPair,
  type Ed25519KeyPair,
} from '../../src/protocol/crypto';
import {
  decryptReceivedMessage,
  type Command,
  type QueueRequest,
  type ReceivedMessage,
  type Response,
} from '../../src/protocol/smp';
import type { SmpRawConnection } from './smp-raw-connection';

/** The recipient's side of a queue: its ids and keys. */
export interface TestQueue {
  readonly recipientId: Uint8Array;
  readonly senderId: Uint8Array;
  readonly recipientKey: Ed25519KeyPair;
  /** DH(server queue key, recipient key): opens delivered messages. */
  readonly rcvDhSecret: Uint8Array;
  readonly linkId?: Uint8Array | undefined;
}

export function expectResponse<T extends Response['type']>(
  r: { response: Response | undefined },
  type: T,
): Extract<Response, { type: T }> {
  if (r.response?.type !== type) {
    throw new Error(`expected ${type}, got ${JSON.stringify(r.response)}`);
  }
  return r.response as Extract<Response, { type: T }>;
}

/** NEW on `c`; returns the queue's ids and keys. */
export async function createQueue(
  c: SmpRawConnection,
  o: {
    subscribe?: boolean;
    queueRequest?: QueueRequest;
    corrId?: Uint8Array;
    basicAuth?: string;
  } = {},
): Promise<TestQueue> {
  const recipientKey = ed25519KeyPair();
  const dh = x25519KeyPair();
  const command: Command = {
    type: 'NEW',
    rcvAuthKey: encodeSpki('ed25519', recipientKey.publicKey),
    rcvDhKey: encodeSpki('x25519', dh.publicKey),
    basicAuth: o.basicAuth,
    subscribe: o.subscribe ?? false,
    queueRequest: o.queueRequest ?? { mode: 'messaging' },
  };
  const ids = expectResponse(
    await c.request(command, { key: recipientKey.privateKey, corrId: o.corrId }),
    'IDS',
  );
  return {
    recipientId: ids.recipientId,
    senderId: ids.senderId,
    recipientKey,
    rcvDhSecret: x25519Dh(decodeSpki('x25519', ids.serverDhKey), dh.privateKey),
    linkId: ids.linkId,
  };
}

/** Opens a MSG for the recipient of `q`. */
export function openMessage(
  q: TestQueue,
  msg: Extract<Response, { type: 'MSG' }>,
): ReceivedMessage {
  return decryptReceivedMessage(q.rcvDhSecret, msg.msgId, msg.body);
}

export const text = (s: string) => new TextEncoder().encode(s);

/** Sends a recipient command for `q` on `c`, signed with the queue's recipient key. */
export function recipientRequest(c: SmpRawConnection, q: TestQueue, command: Command) {
  return c.request(command, { entityId: q.recipientId, key: q.recipientKey.privateKey });
}

/** Sends SEND for `q` on `c`; signed with `senderKey` when given. */
export function sendTo(
  c: SmpRawConnection,
  q: TestQueue,
  body: string | Uint8Array,
  senderKey?: Ed25519KeyPair,
) {
  return c.request(
    { type: 'SEND', notification: false, body: typeof body === 'string' ? text(body) : body },
    { entityId: q.senderId, key: senderKey?.privateKey },
  );
}

/** The text of a delivered message (fails on a quota marker). */
export function messageText(q: TestQueue, r: { response: Response | undefined }): string {
  const m = openMessage(q, expectResponse(r, 'MSG'));
  if (m.type !== 'message') throw new Error('expected a message, got the quota marker');
  return new TextDecoder().decode(m.body);
}

export function spkiOf(k: Ed25519KeyPair): Uint8Array {
  return encodeSpki('ed25519', k.publicKey);
}
