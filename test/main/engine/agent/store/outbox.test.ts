import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../../src/node/sqlite';
import { AgentError } from '../../../../../src/main/engine/agent/errors';
import {
  addEvents,
  deleteEvents,
  storedEvents,
} from '../../../../../src/main/engine/agent/store/outbox';
import { useTempDirs } from '../../../../support/temp-dir';
import { agentStore } from '../support';

const tempDir = useTempDirs();
let db: Database;
afterEach(() => db?.close());

describe('agent event outbox', () => {
  it('keeps events with their bytes and errors, in order, until deleted', async () => {
    db = await agentStore(tempDir());
    const error = new AgentError('AUTH', 'gone', 'AUTH');
    const stored = await addEvents(db, [
      { name: 'info', payload: { connId: 'c1', connInfo: new Uint8Array([0, 1, 255]) } },
      { name: 'messageError', payload: { connId: 'c1', agentMsgId: 4, error } },
      {
        name: 'delivered',
        payload: {
          connId: 'c1',
          agentMsgId: 5,
          status: 'badMsgHash',
          receiptInfo: new Uint8Array(0),
        },
      },
    ]);
    expect(stored.map((s) => s.eventId)).toEqual([1, 2, 3]);
    const read = await storedEvents(db, () => expect.fail('all readable'));
    expect(read.map((s) => s.event.name)).toEqual(['info', 'messageError', 'delivered']);
    expect(read[0]!.event.payload).toEqual({ connId: 'c1', connInfo: new Uint8Array([0, 1, 255]) });
    const back = read[1]!.event.payload as { error: AgentError };
    expect(back.error).toBeInstanceOf(AgentError);
    expect(back.error).toMatchObject({ code: 'AUTH', message: 'gone', detail: 'AUTH' });
    await deleteEvents(db, [1, 3]);
    expect((await storedEvents(db, () => undefined)).map((s) => s.eventId)).toEqual([2]);
  });

  it('reports an event it cannot read instead of emitting it', async () => {
    db = await agentStore(tempDir());
    await db.run(
      `INSERT INTO agent_events (name, payload) VALUES ('sent', '{"name":"sent","payload":{}}')`,
    );
    const bad: number[] = [];
    expect(await storedEvents(db, (id) => bad.push(id))).toEqual([]);
    expect(bad).toEqual([1]);
  });
});
