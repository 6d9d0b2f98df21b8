// Runs the handshake steps of a connection until it waits for the peer. One runner per
// connection at a time; a network failure schedules a retry with back-off (woken early when the
// server is reachable again) and resolves; a permanent failure marks the connection failed,
// emits connectionError and rejects. Anything else (a crash simulated by the test hook, the store
// closing) propagates untouched, leaving the committed state for the next start().
import type { ConnId } from '../api';
import type { AgentContext } from '../context';
import { AgentError } from '../errors';
import { retryDelay } from '../retry';
import { getConnection, updateConnection, type ConnectionRecord } from '../store/connections';
import { allowStep } from './allow';
import { requestStep } from './contact';
import { joinStep } from './join';

export type StepResult = 'continue' | 'wait';

type Step = (ctx: AgentContext, conn: ConnectionRecord) => Promise<StepResult>;

function stepFor(conn: ConnectionRecord): Step | undefined {
  switch (conn.status) {
    case 'joining':
      return joinStep;
    case 'requesting':
      return requestStep;
    case 'allowed':
      return allowStep;
    default:
      return undefined;
  }
}

export class HandshakeRunner {
  private readonly chains = new Map<ConnId, Promise<void>>();
  private readonly failing = new Map<ConnId, { attempt: number; sinceMs: number }>();

  constructor(private readonly ctx: AgentContext) {}

  /** Runs the connection's pending steps (after any run already in progress). */
  advance(connId: ConnId): Promise<void> {
    const previous = this.chains.get(connId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(connId));
    const tracked = this.ctx.track(run);
    this.chains.set(connId, tracked);
    const forget = () => {
      if (this.chains.get(connId) === tracked) this.chains.delete(connId);
    };
    tracked.then(forget, forget);
    return tracked;
  }

  private async run(connId: ConnId): Promise<void> {
    for (;;) {
      if (!this.ctx.isRunning) return;
      const conn = await getConnection(this.ctx.db, connId);
      const step = conn && stepFor(conn);
      if (!conn || !step) return;
      let result: StepResult;
      try {
        result = await step(this.ctx, conn);
      } catch (e) {
        if (e instanceof AgentError && e.code === 'NETWORK') return this.retryLater(conn, e);
        if (e instanceof AgentError && e.code !== 'STOPPED') await this.fail(conn, e);
        throw e;
      }
      this.failing.delete(connId);
      if (result === 'wait') return;
    }
  }

  private async retryLater(conn: ConnectionRecord, error: AgentError): Promise<void> {
    const now = this.ctx.nowMs();
    const f = this.failing.get(conn.connId) ?? { attempt: 0, sinceMs: now };
    this.failing.set(conn.connId, { attempt: f.attempt + 1, sinceMs: f.sinceMs });
    if (now - f.sinceMs > this.ctx.retry.expireAfterMs) {
      await this.fail(
        conn,
        new AgentError('EXPIRED', `the handshake did not complete: ${error.message}`),
      );
      return;
    }
    const delay = retryDelay(this.ctx.retry, f.attempt, now - f.sinceMs);
    this.ctx.log.info('handshake step will be retried', { delayMs: delay, error });
    this.ctx.background('handshake retry', async () => {
      await this.ctx.timers.sleep(delay);
      if (this.ctx.isRunning) await this.advance(conn.connId);
    });
  }

  private async fail(conn: ConnectionRecord, error: AgentError): Promise<void> {
    this.failing.delete(conn.connId);
    this.ctx.log.warn('connection failed', { error });
    await this.ctx.transact(async (tx, emit) => {
      await updateConnection(
        tx,
        conn.connId,
        { status: 'failed', error: error.code },
        this.ctx.nowIso(),
      );
      await emit({ name: 'connectionError', payload: { connId: conn.connId, error } });
    });
  }
}
