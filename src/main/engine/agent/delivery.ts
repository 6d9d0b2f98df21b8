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
} from './store/snd-messages';
import { getSndQueue, type SndQueue } from './store/queues';

const BATCH = 64;
/** Sent marks wait this long for company, unless this many accumulated. */
const MARK_DELAY_MS = 100;
const MARK_BATCH = 32;

/** Kinds the delivery workers send (handshake messages are sent by their steps). */
const DELIVERED_KINDS = new Set(['message', 'receipt', 'qcont']);

interface Worker {
  /** Messages handed over in memory, in order. */
  readonly queue: PendingSndMessage[];
  /** The store may hold pending messages this worker has not seen. */
  fromStore: boolean;
  /** The last message this worker is done with. */
  cursor: number;
  /** Wakes a worker waiting on QUOTA. */
  resume?: (() => void) | undefined;
  /** Wakes an idle worker when a message is handed over. */
  nudge?: (() => void) | undefined;
  /** The connection was deleted: send nothing more. */
  stopped: boolean;
  /** The connection of the queue, once read. */
  connId?: string | undefined;
}

/** An idle worker waits this long for the next message before it ends. */
const LINGER_MS = 2_000;

export class Delivery {
  private readonly workers = new Map<number, Worker>();

  constructor(private readonly ctx: AgentContext) {}

  /**
   * Makes sure the queue's pending messages are being delivered. A message just stored is
   * handed over in memory; without one, the worker reads the store.
   */
  wake(sndQueueId: number, message?: PendingSndMessage): void {
    const running = this.workers.get(sndQueueId);
    if (running) {
      if (message && !running.fromStore) insertInOrder(running.queue, message);
      else running.fromStore = true;
      running.nudge?.();
      return;
    }
    const worker: Worker = { queue: [], fromStore: true, cursor: 0, stopped: false };
    this.workers.set(sndQueueId, worker);
    this.ctx.background('message delivery', () => this.deliver(sndQueueId, worker));
  }

  /**
   * Waits a moment for more work, so that a steady stream of messages keeps one worker (and
   * needs no reads): true when a message was handed over.
   */
  private linger(worker: Worker): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      // Each wait ends once, and clears only its own nudge (an older wait's timer may fire late).
      const done = (more: boolean) => {
        if (settled) return;
        settled = true;
        if (worker.nudge === nudge) worker.nudge = undefined;
        resolve(more);
      };
      const nudge = () => done(true);
      worker.nudge = nudge;
      void this.ctx.timers
        .sleep(LINGER_MS)
        .then(() => done(worker.queue.length > 0 || worker.fromStore));
    });
  }

  /** The connection is being deleted: its workers drop what they hold and end. */
  forgetConnection(connId: string): void {
    for (const [id, worker] of this.workers) {
      if (worker.queue.some((m) => m.connId === connId) || worker.connId === connId) {
        worker.stopped = true;
        worker.queue.length = 0;
        this.workers.delete(id);
        worker.nudge?.();
        worker.resume?.();
      }
    }
  }

  /** The peer's QC: a queue paused on QUOTA continues now. */
  resumeQuota(sndQueueId: number): void {
    const worker = this.workers.get(sndQueueId);
    if (worker?.resume) worker.resume();
    else this.wake(sndQueueId);
  }

  private async deliver(sndQueueId: number, worker: Worker): Promise<void> {
    const marks = new SentMarks(this.ctx);
    try {
      let sq: SndQueue | undefined;
      for (;;) {
        if (!this.ctx.isRunning || worker.stopped) return;
        const m = nextOf(worker);
        if (!m) {
          // Read the queue again after waiting: a deleted queue's id can be given to a new one.
          sq = undefined;
          if (!worker.fromStore && !(await this.linger(worker))) return;
          if (!worker.fromStore) continue;
          worker.fromStore = false;
          const batch = await pendingSndMessages(this.ctx.db, sndQueueId, BATCH);
          if (batch.length === BATCH) worker.fromStore = true;
          for (const p of batch) if (DELIVERED_KINDS.has(p.kind)) insertInOrder(worker.queue, p);
          continue;
        }
        sq ??= await getSndQueue(this.ctx.db, sndQueueId);
        if (!sq || sq.connId !== m.connId) return;
        worker.connId = sq.connId;
        if (!(await this.sendOne(sq, m, worker))) return;
        worker.cursor = m.agentMsgId;
        marks.add(m);
      }
    } finally {
      // Synchronously after the loop: a message stored from now on starts a new worker.
      if (this.workers.get(sndQueueId) === worker) this.workers.delete(sndQueueId);
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

function insertInOrder(queue: PendingSndMessage[], m: PendingSndMessage): void {
  if (queue.some((q) => q.agentMsgId === m.agentMsgId)) return;
  let i = queue.length;
  while (i > 0 && queue[i - 1]!.agentMsgId > m.agentMsgId) i--;
  queue.splice(i, 0, m);
}

/** The next message after the worker's cursor (older ones were handed over twice). */
function nextOf(worker: Worker): PendingSndMessage | undefined {
  let m = worker.queue.shift();
  while (m && m.agentMsgId <= worker.cursor) m = worker.queue.shift();
  return m;
}

/**
 * Marks sent messages in the store while the next ones are being sent. Marks wait a moment for
 * company, so a busy queue costs one transaction per batch; a mark lost in a crash only means
 * the message is sent again, and the peer recognises it.
 */
class SentMarks {
  private waiting: PendingSndMessage[] = [];
  private running: Promise<void> | undefined;
  private cancelTimer: (() => void) | undefined;

  constructor(private readonly ctx: AgentContext) {}

  add(m: PendingSndMessage): void {
    this.waiting.push(m);
    if (this.running) return;
    if (this.waiting.length >= MARK_BATCH) this.start();
    else this.cancelTimer ??= this.ctx.timers.after(MARK_DELAY_MS, () => this.start());
  }

  /** Writes whatever waits, now. */
  async idle(): Promise<void> {
    if (this.waiting.length > 0 && !this.running) this.start();
    while (this.running) await this.running;
  }

  private start(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.running ??= this.flush();
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
      this.ctx.log.warn('sent messages not recorded', { error: e instanceof Error ? e : null });
    } finally {
      this.running = undefined;
    }
  }
}
