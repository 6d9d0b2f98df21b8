// Inputs for the SMP server fuzzer: valid transmissions of every command for a connection's own
// queues, so that mutations (./mutate) start from inputs that reach deep into parsing,
// authorization and the command handlers.
import {
  ed25519KeyPair,
  encodeSpki,
  randomBytes,
  x25519KeyPair,
  type Ed25519KeyPair,
} from '../../src/protocol/crypto';
import { latin1 } from '../../src/protocol/encoding';
import { senderIdFromCorrId, type Command } from '../../src/protocol/smp';
import { int, pick, type Random } from './mutate';
import type { SmpRawConnection } from './smp-raw-connection';

interface OwnQueue {
  readonly recipientId: Uint8Array;
  readonly senderId: Uint8Array;
  readonly recipientKey: Ed25519KeyPair;
  readonly senderKey: Ed25519KeyPair;
  readonly linkId?: Uint8Array | undefined;
}

const UNKNOWN_TAGS = ['HELLO', 'NSUB', 'PRXY', 'RKEY', 'NKEY', 'SUBS', 'ack', '', ' ', 'SEND'];

/**
 * Valid transmissions for one connection: NEW, and every command for the queues its NEWs
 * created (learned from IDS), plus unknown tags and commands for random ids.
 */
export class TransmissionCorpus {
  private readonly queues: OwnQueue[] = [];
  private readonly pendingNew = new Map<
    string,
    Omit<OwnQueue, 'recipientId' | 'senderId' | 'linkId'>
  >();

  constructor(
    private readonly rnd: Random,
    private readonly conn: SmpRawConnection,
  ) {}

  /** Records the queue of an IDS that answers one of our NEWs. */
  learn(
    corrId: Uint8Array,
    ids: { recipientId: Uint8Array; senderId: Uint8Array; linkId?: Uint8Array | undefined },
  ): void {
    const key = Buffer.from(corrId).toString('hex');
    const keys = this.pendingNew.get(key);
    this.pendingNew.delete(key);
    if (keys && this.queues.length < 64) this.queues.push({ ...ids, ...keys });
  }

  next(): Uint8Array {
    const { rnd } = this;
    const q = this.queues.length > 0 && rnd() < 0.8 ? pick(rnd, this.queues) : undefined;
    if (!q) return rnd() < 0.7 ? this.newQueue() : this.stray();
    const recipient = (command: Command) =>
      this.conn.transmission(command, { entityId: q.recipientId, key: q.recipientKey.privateKey })
        .bytes;
    const senderSpki = encodeSpki('ed25519', q.senderKey.publicKey);
    const link = { fixedData: randomBytes(int(rnd, 200)), userData: randomBytes(int(rnd, 200)) };
    switch (int(rnd, 16)) {
      case 0:
        return recipient({ type: 'SUB' });
      case 1:
        return recipient({ type: 'GET' });
      case 2:
        return recipient({ type: 'ACK', msgId: rnd() < 0.5 ? new Uint8Array(0) : randomBytes(24) });
      case 3:
        return recipient({ type: 'KEY', senderKey: senderSpki });
      case 4:
        return recipient({ type: 'QUE' });
      case 5:
        return recipient({ type: rnd() < 0.9 ? 'LDEL' : rnd() < 0.5 ? 'OFF' : 'DEL' });
      case 6:
        return recipient({ type: 'LSET', linkId: q.linkId ?? randomBytes(24), data: link });
      case 7:
        return this.conn.transmission(
          { type: 'SKEY', senderKey: senderSpki },
          { entityId: q.senderId, key: q.senderKey.privateKey },
        ).bytes;
      case 8:
      case 9:
      case 10: {
        const body = randomBytes(rnd() < 0.02 ? 16048 : int(rnd, 300));
        const signed = rnd() < 0.5 ? { key: q.senderKey.privateKey } : {};
        return this.conn.transmission(
          { type: 'SEND', notification: rnd() < 0.5, body },
          { entityId: q.senderId, ...signed },
        ).bytes;
      }
      case 11:
        return this.conn.transmission({ type: 'LGET' }, { entityId: q.linkId ?? q.senderId }).bytes;
      case 12:
        return this.conn.transmission(
          { type: 'LKEY', senderKey: senderSpki },
          { entityId: q.linkId ?? randomBytes(24), key: q.senderKey.privateKey },
        ).bytes;
      case 13:
        return this.conn.transmission({ type: 'PING' }).bytes;
      default:
        return this.stray();
    }
  }

  private newQueue(): Uint8Array {
    const { rnd } = this;
    const recipientKey = ed25519KeyPair();
    const senderKey = ed25519KeyPair();
    const corrId = randomBytes(24);
    const data = { fixedData: randomBytes(int(rnd, 300)), userData: randomBytes(int(rnd, 300)) };
    const senderId = senderIdFromCorrId(corrId);
    const queueRequest = pick(rnd, [
      undefined,
      { mode: 'messaging' as const },
      { mode: 'contact' as const },
      { mode: 'messaging' as const, link: { senderId, data } },
      { mode: 'contact' as const, link: { linkId: randomBytes(24), senderId, data } },
    ]);
    this.pendingNew.set(Buffer.from(corrId).toString('hex'), { recipientKey, senderKey });
    const command: Command = {
      type: 'NEW',
      rcvAuthKey: encodeSpki('ed25519', recipientKey.publicKey),
      rcvDhKey: encodeSpki('x25519', x25519KeyPair().publicKey),
      subscribe: rnd() < 0.3,
      queueRequest,
    };
    return this.conn.transmission(command, { corrId, key: recipientKey.privateKey }).bytes;
  }

  /** Commands that should fail: unknown tags, random ids, wrong keys. */
  private stray(): Uint8Array {
    const { rnd } = this;
    const key = rnd() < 0.5 ? ed25519KeyPair().privateKey : undefined;
    const entityId = rnd() < 0.7 ? randomBytes(pick(rnd, [24, 0, 16, 255])) : undefined;
    if (rnd() < 0.4)
      return this.conn.transmission(latin1(pick(rnd, UNKNOWN_TAGS)), { entityId, key }).bytes;
    const command = pick(rnd, [
      { type: 'SUB' },
      { type: 'DEL' },
      { type: 'SEND', notification: false, body: randomBytes(10) },
      { type: 'LGET' },
      { type: 'PING' },
    ] as Command[]);
    return this.conn.transmission(command, { entityId, key }).bytes;
  }
}
