import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir';
import {
  createQueue,
  expectResponse,
  openMessage,
  text,
  useSmpServers,
} from '../support/smp-test-server';

const tempDir = useTempDirs();
const startServer = useSmpServers();

describe('smoke', () => {
  it('PING, NEW, SEND, SUB, MSG, ACK', async () => {
    const s = await startServer(path.join(tempDir(), 'data'));
    const c = await s.connect();
    expectResponse(await c.request({ type: 'PING' }), 'PONG');
    const q = await createQueue(c);
    const sender = await s.connect();
    expectResponse(
      await sender.request(
        { type: 'SEND', notification: false, body: text('hello') },
        { entityId: q.senderId },
      ),
      'OK',
    );
    expectResponse(
      await c.request({ type: 'SUB' }, { entityId: q.recipientId, key: q.recipientKey.privateKey }),
      'SOK',
    );
    const ev = await c.nextEvent();
    const msg = expectResponse(ev, 'MSG');
    const m = openMessage(q, msg);
    expect(m.type === 'message' && new TextDecoder().decode(m.body)).toBe('hello');
    expectResponse(
      await c.request(
        { type: 'ACK', msgId: msg.msgId },
        { entityId: q.recipientId, key: q.recipientKey.privateKey },
      ),
      'OK',
    );
  });
});
