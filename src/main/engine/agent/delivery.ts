// Delivery of stored messages, one worker per send queue, strictly in order (one SEND at a time
// per queue, as upstream, so a QUOTA can never reorder messages). Network failures back off and
// retry (woken early when the server is reachable again); QUOTA pauses the queue until the
// peer's QC (or a slow retry); AUTH and other refusals fail the message for good. Marking a
// message sent overlaps with sending the next one.
import type { AgentContext } from './context';
import { AgentError } from './errors';
import { authKey } from './keys';
import { retryDelay } from './retry';
import { isRetryable, toAgentError } from './smp-errors';
import { isServerError } from '../smp/errors';
import {
  markSndMessageFailed,
  markSndMessagesSent,
  pendingSndMessages,
  recordSndAttempt,
  type PendingSndMessage,
} from './store/messages';
import { getSndQueue, type SndQueue } from './store/queues';

const BATCH = 64;

/** Kinds the delivery workers send (handshake messages are sent by their steps). */
const DELIVERED_KINDS = new Set(['message', 'receipt', 'qcont']);

interface Worker {
  /** Set when new messages were stored while the worker ran. */
  again: boolean;
  /** Wakes a worker sleeping on QUOTA. */
  resume?: () => void;
}

export class Delivery {
  private readonly workers = new Map<number, Worker>();

  constructor(private readonly ctx: AgentContext) {}

  /** Makes sure the queue's pending messages are being delivered. */
  wake(sndQueueId: number): void {
    const running = this.workers.get(sndQueueId);
    if (running) {
      running.again = true;
      return;
    }
    const worker: Worker = { again: false };
    this.workers.set(sndQueueId, worker);
    this.ctx.background('message delivery', async () => {
      try {
        do {
          worker.again = false;
          await this.deliver(sndQueueId, worker);
        } while (worker.again && this.ctx.isRunning);
      } finally {
        this.workers.delete(sndQueueId);
      }
    });
  }

  /** The peer's QC: a queue paused on QUOTA continues now. */
  resumeQuota(sndQueueId: number): void {
    const worker = this.workers.get(sndQueueId);
    if (worker?.resume) worker.resume();
    else this.wake(sndQueueId);
  }

  private async deliver(sndQueueId: number, worker: Worker): Promise<void> {
    let cursor = 0;
    const marks = new SentMarks(this.ctx);
    try {
      for (;;) {
        if (!this.ctx.isRunning) return;
        const sq = await getSndQueue(this.ctx.db, sndQueueId);
        if (!sq) return;
        const batch = (await pendingSndMessages(this.ctx.db, sndQueueId, BATCH)).filter(
          (m) => m.agentMsgId > cursor && DELIVERED_KINDS.has(m.kind),
        );
        if (batch.length === 0) return;
        for (const m of batch) {
          if (!(await this.sendOne(sq, m, worker))) return;
          cursor = m.agentMsgId;
          marks.add(m);
        }
      }
    } finally {
      await marks.idle();
    }
  }

  /** Sends one message, retrying as needed; false when delivery must stop here. */
  private async sendOne(sq: SndQueue, m: PendingSndMessage, worker: Worker): Promise<boolean> {
    let attempt = 0;
    let warned = false;
    let failingSince: number | undefined = m.firstAttemptAt ?? undefined;
    for (;;) {
      if (!this.ctx.isRunning) return false;
      try {
        const key = sq.sndAuthKey ? authKey(sq.sndAuthKey) : undefined;
        await this.ctx.smp.send(sq.server, sq.senderId, key, m.body, { notification: m.notify });
        return true;
      } catch (e) {
        const now = this.ctx.nowMs();
        failingSince ??= now;
        const quota = isServerError(e, 'QUOTA');
        if (!quota && !isRetryable(e)) {
          await this.fail(m, toAgentError(e, 'sending'));
          return true;
        }
        const expireAfter = quota
          ? this.ctx.retry.quotaExpireAfterMs
          : this.ctx.retry.expireAfterMs;
        if (now - failingSince > expireAfter) {
          await this.fail(
            m,
            new AgentError('EXPIRED', 'the message could not be delivered in time'),
          );
          return true;
        }
        await this.ctx.transact((tx) =>
          recordSndAttempt(tx, m.connId, m.agentMsgId, failingSince!),
        );
        if (!warned) this.warn(m, quota, e);
        warned = true;
        const failingFor = now - failingSince;
        if (quota) {
          // Wait for the peer's QC; retry slowly in case it was lost.
          const delay = retryDelay(
            this.ctx.retry,
            0,
            Math.max(failingFor, this.ctx.retry.slowAfterMs),
          );
          await this.waitForQuota(worker, delay);
        } else {
          await this.ctx.timers.sleep(retryDelay(this.ctx.retry, attempt, failingFor), sq.server);
          attempt++;
        }
      }
    }
  }

  /** The first failure of a message is reported; delivery goes on trying. */
  private warn(m: PendingSndMessage, quota: boolean, e: unknown): void {
    if (m.kind !== 'message') return;
    const error = quota
      ? new AgentError('QUOTA', "the peer's queue is full; waiting for it to continue")
      : toAgentError(e, 'sending');
    this.ctx.events.emit('messageWarning', { connId: m.connId, agentMsgId: m.agentMsgId, error });
  }

  private waitForQuota(worker: Worker, delay: number): Promise<void> {
    return new Promise((resolve) => {
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        if (worker.resume === done) worker.resume = undefined;
        resolve();
      };
      worker.resume = done;
      // stop() wakes every sleeper; the worker then sees the agent stopped.
      void this.ctx.timers.sleep(delay).then(done);
    });
  }

  private async fail(m: PendingSndMessage, error: AgentError): Promise<void> {
    this.ctx.log.warn('message not delivered', { error });
    await this.ctx.transact(async (tx, emit) => {
      await markSndMessageFailed(tx, m.connId, m.agentMsgId);
      if (m.kind === 'message') {
        await emit({
          name: 'messageError',
          payload: { connId: m.connId, agentMsgId: m.agentMsgId, error },
        });
      }
    });
  }
}

/**
 * Marks sent messages in the store while the next ones are being sent: whatever accumulated
 * during one transaction goes into the next, so a fast queue costs a few statements per batch.
 */
class SentMarks {
  private waiting: PendingSndMessage[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly ctx: AgentContext) {}

  add(m: PendingSndMessage): void {
    this.waiting.push(m);
    this.running ??= this.flush();
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        await this.ctx.transact(async (tx, emit) => {
          for (const connId of new Set(batch.map((m) => m.connId))) {
            const ids = batch.filter((m) => m.connId === connId).map((m) => m.agentMsgId);
            await markSndMessagesSent(tx, connId, ids);
          }
          const sent = batch.filter((m) => m.kind === 'message');
          await emit(
            sent.map((m) => ({
              name: 'sent',
              payload: { connId: m.connId, agentMsgId: m.agentMsgId },
            })),
          );
        });
      }
    } catch (e) {
      // Still pending in the store: sent again after a restart, and recognised by the peer.
      this.ctx.log.warn('sent messages not recorded', { error: e instanceof Error ? e : null });
    } finally {
      this.running = undefined;
    }
  }
}
