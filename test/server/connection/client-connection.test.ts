// Per-connection resource bounds and isolation: a client that does not read is disconnected,
// reading pauses under a flood of commands but everything is answered, subscription and
// connection caps, the idle timeout, and bad blocks closing only their own connection.
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/protocol/crypto';
import { SMP_BLOCK_SIZE, senderIdFromCorrId } from '../../../src/protocol/smp';
import { useTempDirs } from '../../support/temp-dir';
import {
  createQueue,
  expectResponse,
  recipientRequest,
  useSmpServers,
} from '../../support/smp-test-server';

const tempDir = useTempDirs();
const startServer = useSmpServers();

describe('resource bounds', () => {
  it('disconnects a client that does not read its responses; others are unaffected', async () => {
    const s = await startServer(tempDir(), { limits: { maxOutgoingBytes: 1024 * 1024 } });
    const owner = await s.connect();
    const corrId = randomBytes(24);
    const linkId = randomBytes(24);
    const data = { fixedData: randomBytes(2048), userData: randomBytes(13824) };
    await createQueue(owner, {
      corrId,
      queueRequest: {
        mode: 'contact',
        link: { linkId, senderId: senderIdFromCorrId(corrId), data },
      },
    });
    const greedy = await s.connect();
    greedy.pauseReading();
    // Each block asks for 255 link reads of ~16 KB: 4 MB of responses per block.
    for (let i = 0; i < 20; i++) {
      const batch = Array.from(
        { length: 255 },
        () => greedy.transmission({ type: 'LGET' }, { entityId: linkId }).bytes,
      );
      greedy.sendTransmissions(batch);
    }
    expectResponse(await owner.request({ type: 'PING' }), 'PONG');
    greedy.resumeReading();
    await greedy.closed;
    expect(greedy.received).toBeLessThan(20 * 255);
    expectResponse(await owner.request({ type: 'PING' }), 'PONG');
  });

  it('pauses reading at the in-flight cap and still answers every command', async () => {
    const s = await startServer(tempDir(), { limits: { maxInFlightCommands: 1 } });
    const c = await s.connect();
    const q = await createQueue(c);
    const waits: Promise<unknown>[] = [];
    for (let block = 0; block < 8; block++) {
      const ts = Array.from({ length: 50 }, () => {
        const t = c.transmission(
          { type: 'SEND', notification: false, body: randomBytes(10) },
          { entityId: q.senderId },
        );
        waits.push(c.responseTo(t.corrId));
        return t.bytes;
      });
      c.sendTransmissions(ts);
    }
    const responses = (await Promise.all(waits)) as { response: { type: string } }[];
    // The quota (128) decides, not the pause: 128 OK, then the marker and refusals.
    expect(responses.filter((r) => r.response.type === 'OK')).toHaveLength(128);
    expect(responses).toHaveLength(400);
  });

  it('caps the subscriptions of one connection', async () => {
    const s = await startServer(tempDir(), { limits: { maxSubscriptions: 2 } });
    const c = await s.connect();
    const queues = [await createQueue(c), await createQueue(c), await createQueue(c)];
    expectResponse(await recipientRequest(c, queues[0]!, { type: 'SUB' }), 'SOK');
    expectResponse(await recipientRequest(c, queues[1]!, { type: 'SUB' }), 'SOK');
    const third = await recipientRequest(c, queues[2]!, { type: 'SUB' });
    expect(expectResponse(third, 'ERR').error).toEqual({ type: 'CMD', cmdErr: 'PROHIBITED' });
  });

  it('caps the number of connections', async () => {
    const s = await startServer(tempDir(), { limits: { maxConnections: 1 } });
    const first = await s.connect();
    await expect(s.connect()).rejects.toThrow(/closed during the handshake/);
    expectResponse(await first.request({ type: 'PING' }), 'PONG');
  });

  it('closes a connection without subscriptions after the idle timeout', async () => {
    const s = await startServer(tempDir(), { limits: { idleTimeoutMs: 1000 } });
    const c = await s.connect();
    expectResponse(await c.request({ type: 'PING' }), 'PONG');
    await c.closed;
  });
});

describe('isolation', () => {
  it('closes only the connection that sends an undecryptable block', async () => {
    const s = await startServer(tempDir());
    const good = await s.connect();
    const bad = await s.connect();
    bad.sendRawBlock(randomBytes(SMP_BLOCK_SIZE));
    await bad.closed;
    expectResponse(await good.request({ type: 'PING' }), 'PONG');
  });

  it('answers a malformed batch or transmission with ERR BLOCK and keeps the connection', async () => {
    const s = await startServer(tempDir());
    const c = await s.connect();
    c.sendTransmissions([new Uint8Array([1, 2, 3])]);
    const err = await c.nextEvent();
    expect(expectResponse(err, 'ERR').error).toEqual({ type: 'BLOCK' });
    expectResponse(await c.request({ type: 'PING' }), 'PONG');
  });
});
