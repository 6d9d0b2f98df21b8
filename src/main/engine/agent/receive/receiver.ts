// The receive path (§2.7): each MSG of a queue is processed in order. A redelivery (same server
// msgId) is ACKed again, or re-emitted if the application has not ACKed it yet. A message that
// fails (tampered, replayed, undecryptable, not allowed) is reported as `receiveError` and ACKed
// so that the queue is not stuck; nothing of it is stored. Failures of our own (the store, a
// stop) leave the message un-ACKed, so the server delivers it again.
import { x25519Dh, CryptoError } from '../../../../protocol/crypto';
import { bytesEqual, toHex } from '../../../../protocol/encoding';
import type { AgentEventMap, AgentMsgId, ConnId } from '../api';
import type { AgentContext } from '../context';
import type { Delivery } from '../delivery';
import { AgentError, type AgentErrorCode } from '../errors';
import { authKey } from '../keys';
import { enqueueMessage } from '../messaging';
import { isServerError } from '../../smp/errors';
import { getConnection } from '../store/connections';
import { rcvMessageByBrokerId, type RcvMessage } from '../store/rcv-messages';
import { rcvQueueByRecipient, rcvQueuesOf, type RcvQueue } from '../store/queues';
import type { SmpClientEvents } from '../../smp';
import { onConfirmation, onRequest, type Incoming } from './handshake';
import { openAgentEnvelope, parseClientEnvelope } from './layers';
import { onAgentMessage } from './messages';

/** Errors about a received message itself: reported, ACKed, nothing stored. */
const RECEIVE_ERRORS = new Set<AgentErrorCode>([
  'DECRYPT',
  'MESSAGE',
  'DUPLICATE',
  'INTEGRITY',
  'RATCHET',
  'PROHIBITED',
  'VERSION',
  'LINK',
]);

/** An emitted message's server id and hashes (for its ACK and receipt). */
export interface Delivered {
  readonly brokerMsgId: Uint8Array;
  readonly sndMsgId: bigint;
  readonly msgHash: Uint8Array;
}

export class Receiver {
  private readonly chains = new Map<string, Promise<void>>();
  /**
   * A_MSG events emitted in this run and not yet ACKed, with what their ACK needs, so that a
   * redelivery does not emit them twice and the ACK needs no read.
   */
  private readonly emitted = new Map<string, Delivered>();
  /** Active receive queues (immutable once active), by recipient id and by connection. */
  private readonly active = new Map<string, RcvQueue>();
  private readonly activeOf = new Map<ConnId, RcvQueue>();
  /** The server msgId last delivered on each queue (by recipient id). */
  private readonly lastDelivery = new Map<string, Uint8Array>();

  constructor(
    private readonly ctx: AgentContext,
    private readonly delivery: Delivery,
  ) {}

  /** Queues `ev` behind the queue's earlier messages. */
  onMessage(ev: SmpClientEvents['message']): void {
    this.enqueue(ev.rcvId, () => this.process(ev));
  }

  /** A delivery whose server layer did not open: reported and ACKed. */
  onUnreadable(ev: SmpClientEvents['messageError']): void {
    this.enqueue(ev.rcvId, async () => {
      const rq = await rcvQueueByRecipient(this.ctx.db, ev.rcvId);
      if (!rq) return;
      const error = new AgentError('DECRYPT', `server layer: ${ev.error.message}`, ev.error.kind);
      this.ctx.events.emit('receiveError', { connId: rq.connId, error });
      await this.ack(rq, ev.msgId);
    });
  }

  private enqueue(rcvId: Uint8Array, work: () => Promise<void>): void {
    const key = toHex(rcvId);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(work);
    const tracked = this.ctx.track(
      next.catch((e: unknown) => {
        if (this.ctx.isRunning) {
          this.ctx.log.warn('received message not processed', {
            error: e instanceof Error ? e : null,
          });
        }
      }),
    );
    this.chains.set(key, tracked);
    void tracked.then(() => {
      if (this.chains.get(key) === tracked) this.chains.delete(key);
    });
  }

  /** Emits a stored, not yet ACKed message again (its delivery came again). */
  private emitStored(m: RcvMessage): void {
    if (m.kind !== 'message' || m.appAcked || !m.body) return;
    const event = {
      connId: m.connId,
      agentMsgId: m.agentMsgId,
      body: m.body,
      integrity: m.integrity,
      sndMsgId: m.sndMsgId,
      brokerTs: new Date(m.brokerTs),
      notify: m.notify,
    };
    this.emitMessage(event, { brokerMsgId: m.brokerMsgId, msgHash: m.msgHash });
  }

  private emitMessage(
    event: AgentEventMap['message'],
    ids: Pick<Delivered, 'brokerMsgId' | 'msgHash'>,
  ): void {
    const key = `${event.connId}:${event.agentMsgId}`;
    if (this.emitted.has(key)) return;
    this.emitted.set(key, { ...ids, sndMsgId: event.sndMsgId });
    this.ctx.events.emit('message', event);
  }

  /** What the ACK of an emitted message needs, if it was emitted in this run. */
  delivered(connId: ConnId, agentMsgId: AgentMsgId): Delivered | undefined {
    return this.emitted.get(`${connId}:${agentMsgId}`);
  }

  /** The application ACKed the message: a later redelivery must not re-emit it. */
  forget(connId: ConnId, agentMsgId: AgentMsgId): void {
    this.emitted.delete(`${connId}:${agentMsgId}`);
  }

  private async queue(rcvId: Uint8Array): Promise<RcvQueue | undefined> {
    const cached = this.active.get(toHex(rcvId));
    if (cached) return cached;
    const rq = await rcvQueueByRecipient(this.ctx.db, rcvId);
    if (rq?.status === 'active') {
      this.active.set(toHex(rcvId), rq);
      this.activeOf.set(rq.connId, rq);
    }
    return rq;
  }

  /** The connection's queue was deleted. */
  forgetQueue(rq: RcvQueue): void {
    if (rq.recipientId) {
      this.active.delete(toHex(rq.recipientId));
      this.lastDelivery.delete(toHex(rq.recipientId));
    }
    this.activeOf.delete(rq.connId);
  }

  /** The server ACK for a message the application ACKed. */
  async ackFor(connId: ConnId, brokerMsgId: Uint8Array): Promise<void> {
    const rq = this.activeOf.get(connId) ?? (await rcvQueuesOf(this.ctx.db, connId))[0];
    if (rq) await this.ack(rq, brokerMsgId);
  }

  private async process(ev: SmpClientEvents['message']): Promise<void> {
    if (!this.ctx.isRunning) return;
    const rq = await this.queue(ev.rcvId);
    if (!rq?.rcvDhSecret) {
      this.ctx.log.warn('message for an unknown queue');
      return;
    }
    try {
      if (await this.handle(rq, ev)) await this.ack(rq, ev.msgId);
    } catch (e) {
      if (!(e instanceof AgentError) || !RECEIVE_ERRORS.has(e.code)) throw e;
      this.ctx.log.warn('received message refused', { error: e });
      this.ctx.events.emit('receiveError', { connId: rq.connId, error: e });
      await this.ack(rq, ev.msgId);
    }
  }

  /** Processes one MSG; true when the agent ACKs it now. */
  private async handle(rq: RcvQueue, ev: SmpClientEvents['message']): Promise<boolean> {
    // A queue has at most one unacknowledged delivery, so only the last message of the queue can
    // come again; the store is asked only for that one (and for the first after a start).
    const queueKey = toHex(ev.rcvId);
    const last = this.lastDelivery.get(queueKey);
    this.lastDelivery.set(queueKey, ev.msgId);
    if (last === undefined || bytesEqual(last, ev.msgId)) {
      const seen = await rcvMessageByBrokerId(this.ctx.db, rq.connId, ev.msgId);
      if (seen) {
        if (seen.kind !== 'message' || seen.appAcked) return true;
        this.emitStored(seen);
        return false;
      }
    }
    const received = ev.message;
    if (received.type === 'quota') {
      await this.queueDrained(rq);
      return true;
    }
    const meta: Incoming = {
      brokerMsgId: ev.msgId,
      brokerTs: received.timestamp * 1000,
      notify: received.notification,
    };
    const envelope = parseClientEnvelope(received.body);
    if (envelope.senderDhKey) {
      // Only the first message of a queue carries the sender's key (confirmations, requests).
      if (rq.e2eDhSecret)
        throw new AgentError('PROHIBITED', 'a second confirmation for this queue');
      const secret = dh(envelope.senderDhKey, rq.e2ePrivate);
      const env = openAgentEnvelope(envelope, secret);
      if (env.kind === 'confirmation') await onConfirmation(this.ctx, rq, secret, env, meta);
      else if (env.kind === 'invitation') await onRequest(this.ctx, rq, env, meta);
      else throw new AgentError('PROHIBITED', `a ${env.kind} envelope with a sender key`);
      return true;
    }
    if (!rq.e2eDhSecret) throw new AgentError('PROHIBITED', 'a message before the confirmation');
    const env = openAgentEnvelope(envelope, rq.e2eDhSecret);
    if (env.kind !== 'message') {
      throw new AgentError(
        'PROHIBITED',
        `a ${env.kind} envelope (ratchet re-synchronisation is not supported)`,
      );
    }
    const outcome = await onAgentMessage(this.ctx, rq, env, meta);
    for (const id of outcome.resume) this.delivery.resumeQuota(id);
    if (outcome.prohibited)
      this.ctx.events.emit('receiveError', { connId: rq.connId, error: outcome.prohibited });
    if (!outcome.message) return true;
    this.emitMessage(outcome.message, { brokerMsgId: ev.msgId, msgHash: outcome.msgHash! });
    return false;
  }

  /** The queue had been full and the sender waits: tell it to continue (QC). */
  private async queueDrained(rq: RcvQueue): Promise<void> {
    const conn = await getConnection(this.ctx.db, rq.connId);
    if (conn?.status !== 'connected' || !rq.senderId) return;
    const message = {
      kind: 'A_QCONT',
      address: { server: rq.server, senderId: rq.senderId },
    } as const;
    await enqueueMessage(this.ctx, this.delivery, rq.connId, message, 'qcont', false);
  }

  /** ACK to the server; a lost ACK only means a redelivery, which is recognised. */
  async ack(rq: RcvQueue, msgId: Uint8Array): Promise<void> {
    if (!rq.recipientId) return;
    try {
      await this.ctx.smp.ack(rq.server, rq.recipientId, authKey(rq.rcvAuthKey), msgId);
    } catch (e) {
      if (isServerError(e, 'NO_MSG')) return;
      this.ctx.log.info('server ACK failed; the message will be delivered again', {
        error: e instanceof Error ? e : null,
      });
    }
  }
}

function dh(publicKey: Uint8Array, privateKey: Uint8Array): Uint8Array {
  try {
    return x25519Dh(publicKey, privateKey);
  } catch (e) {
    if (e instanceof CryptoError) throw new AgentError('DECRYPT', 'invalid sender key', e.code);
    throw e;
  }
}
