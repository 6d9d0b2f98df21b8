// The event outbox: events written in the transaction of the state change that causes them,
// emitted after it commits, deleted once emitted; start() emits whatever a crash left here.
// Payloads are JSON (bytes as base64url), checked with zod when read back.
import { z } from 'zod';
import type { Executor } from '../../../../node/sqlite';
import { base64urlNoPad, fromBase64url } from '../../../../protocol/encoding';
import type { AgentEventMap } from '../api';
import { AgentError, type AgentErrorCode } from '../errors';
import { parseRow } from '../../store/rows';
import { int } from './columns';

/** The events that go through the outbox (the others are re-derived from their records). */
export type DurableEventName =
  | 'info'
  | 'connected'
  | 'sent'
  | 'delivered'
  | 'messageError'
  | 'qcont'
  | 'connectionError'
  | 'deleted';

export type DurableEvent = {
  [E in DurableEventName]: { readonly name: E; readonly payload: AgentEventMap[E] };
}[DurableEventName];

export interface StoredEvent {
  readonly eventId: number;
  readonly event: DurableEvent;
}

const bytes = z.string().transform((s, ctx) => {
  try {
    return fromBase64url(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not base64url' });
    return z.NEVER;
  }
});
const connId = z.string();
const msgId = z.number().int();
const error = z
  .object({ code: z.string(), message: z.string(), detail: z.string().optional() })
  .transform((e) => new AgentError(e.code as AgentErrorCode, e.message, e.detail));

const EventJson = z.discriminatedUnion('name', [
  z.object({ name: z.literal('info'), payload: z.object({ connId, connInfo: bytes }) }),
  z.object({ name: z.literal('connected'), payload: z.object({ connId }) }),
  z.object({ name: z.literal('sent'), payload: z.object({ connId, agentMsgId: msgId }) }),
  z.object({
    name: z.literal('delivered'),
    payload: z.object({
      connId,
      agentMsgId: msgId,
      status: z.enum(['ok', 'badMsgHash']),
      receiptInfo: bytes,
    }),
  }),
  z.object({
    name: z.literal('messageError'),
    payload: z.object({ connId, agentMsgId: msgId, error }),
  }),
  z.object({ name: z.literal('qcont'), payload: z.object({ connId }) }),
  z.object({ name: z.literal('connectionError'), payload: z.object({ connId, error }) }),
  z.object({ name: z.literal('deleted'), payload: z.object({ connId }) }),
]);

function toJson(event: DurableEvent): string {
  return JSON.stringify(event, (_k, v: unknown) => {
    if (v instanceof Uint8Array) return base64urlNoPad(v);
    if (v instanceof AgentError) {
      return { code: v.code, message: v.message, ...(v.detail ? { detail: v.detail } : {}) };
    }
    return v;
  });
}

export async function addEvent(q: Executor, event: DurableEvent): Promise<StoredEvent> {
  const { lastId } = await q.run('INSERT INTO agent_events (name, payload) VALUES (?, ?)', [
    event.name,
    toJson(event),
  ]);
  return { eventId: lastId, event };
}

/** Several events in one statement (ids are consecutive: the table has no other writer). */
export async function addEvents(
  q: Executor,
  events: readonly DurableEvent[],
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const { lastId } = await q.run(
    `INSERT INTO agent_events (name, payload) VALUES ${events.map(() => '(?, ?)').join(', ')}`,
    events.flatMap((e) => [e.name, toJson(e)]),
  );
  const first = lastId - events.length + 1;
  return events.map((event, i) => ({ eventId: first + i, event }));
}

const EventRow = z.object({ event_id: int, payload: z.string() });

/** Every stored event in order; an unreadable one is skipped and reported by `onBad`. */
export async function storedEvents(
  q: Executor,
  onBad: (eventId: number) => void,
): Promise<StoredEvent[]> {
  const rows = await q.all('SELECT event_id, payload FROM agent_events ORDER BY event_id');
  const out: StoredEvent[] = [];
  for (const row of rows) {
    const r = parseRow(EventRow, row, 'agent_events');
    const parsed = EventJson.safeParse(JSON.parse(r.payload));
    if (parsed.success) out.push({ eventId: r.event_id, event: parsed.data });
    else onBad(r.event_id);
  }
  return out;
}

export async function deleteEvents(q: Executor, eventIds: readonly number[]): Promise<void> {
  if (eventIds.length === 0) return;
  await q.run(
    `DELETE FROM agent_events WHERE event_id IN (${eventIds.map(() => '?').join(', ')})`,
    eventIds,
  );
}
