// Crash safety end to end: the SMP server runs as a child process (its CLI bundle, built from
// source), a sender keeps SENDs in flight while a recipient receives and ACKs, the server is
// killed with SIGKILL mid-flow and restarted on the same data dir and port. The clients come
// back by themselves (the recipient re-subscribes); in the end every message whose SEND got OK
// was delivered exactly once after de-duplication by msgId, and none was lost.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cryptoReady } from '../../src/protocol/crypto';
import { toHex } from '../../src/protocol/encoding';
import { parseSmpServer, type SmpServer } from '../../src/protocol/smp';
import { isTemporary, SmpClient } from '../../src/main/engine/smp';
import { Capacity } from '../../src/main/engine/smp/capacity';
import { runSmpServerCli, spawnSmpServer } from '../support/smp-server-process';
import { useTempDirs } from '../support/temp-dir';
import { bodyOf, ed25519AuthKey, recipientKeys, text } from './smp-client-support';

const tempDir = useTempDirs();

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Starts `cli start` and resolves with the address it prints when it listens. */
async function startServer(
  dataDir: string,
  port: number,
): Promise<{ child: ChildProcess; server: SmpServer }> {
  const p = await spawnSmpServer(
    ['--data', dataDir, '--port', String(port), '--log-level', 'warn'],
    {
      spawned: (child) => children.push(child),
    },
  );
  return { child: p.child, server: parseSmpServer(p.address) };
}

interface Delivered {
  readonly body: string;
  times: number;
}

describe('SMP under kill -9', () => {
  it('delivers every message that got OK exactly once across a server crash', async () => {
    await cryptoReady();
    const dataDir = tempDir();
    const port = await freePort();
    const init = await runSmpServerCli([
      'init',
      '--data',
      dataDir,
      '--host',
      '127.0.0.1',
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
    ]);
    expect(init.status, init.stderr).toBe(0);

    let running = await startServer(dataDir, port);
    const server = running.server;
    const recipient = new SmpClient({ backoff: { initialMs: 20, maxMs: 200 } });
    const sender = new SmpClient({ backoff: { initialMs: 20, maxMs: 200 } });
    try {
      const keys = recipientKeys();
      const q = await recipient.createQueue(server, {
        ...keys,
        queueRequest: { mode: 'messaging' },
      });
      const sndKey = ed25519AuthKey();
      await sender.secureSndQueue(server, q.senderId, sndKey);

      // ---- the server is killed three times, each time on a delivery ----
      const TOTAL = 600;
      const KILLS_AT = [150, 300, 450];
      const unconfirmed: string[] = [];
      let next = 0;
      let restarts = 0;
      let outage: Promise<void> | undefined;
      const kill = () => {
        outage = (async () => {
          running.child.kill('SIGKILL');
          await once(running.child, 'exit');
          running = await startServer(dataDir, port);
          restarts++;
        })();
      };
      // ---- the recipient: ACK everything, count deliveries by msgId ----
      const byMsgId = new Map<string, Delivered>();
      let allConfirmedArrived: () => void = () => undefined;
      const confirmed = new Set<string>();
      let sendingDone = false;
      const checkDone = () => {
        if (!sendingDone) return;
        const arrived = new Set([...byMsgId.values()].map((d) => d.body));
        if ([...confirmed].every((b) => arrived.has(b))) allConfirmedArrived();
      };
      const finished = new Promise<void>((resolve) => (allConfirmedArrived = resolve));
      let acksFailed = 0;
      // Messages in the queue stay below its quota of 128: the sender takes a slot per message,
      // the first delivery gives it back.
      const window = new Capacity(100);
      recipient.events.on('message', (m) => {
        const id = toHex(m.msgId);
        const seen = byMsgId.get(id);
        if (seen) seen.times++;
        else {
          byMsgId.set(id, { body: bodyOf(m), times: 1 });
          window.release();
        }
        // A failed ACK (server gone) means the message comes again after the reconnect.
        recipient.ack(server, q.recipientId, keys.rcvAuthKey, m.msgId).catch(() => acksFailed++);
        // Mid-flow: this message's ACK is not written yet and SENDs are in flight.
        if (!seen && KILLS_AT.includes(byMsgId.size)) kill();
        checkDone();
      });
      let reconnects = 0;
      recipient.events.on('connected', () => reconnects++);

      // ---- the sender: 8 SENDs in flight; after a failure it waits for the server ----
      const worker = async () => {
        while (confirmed.size < TOTAL) {
          const body = `m${next++}`;
          await window.acquire();
          try {
            await sender.send(server, q.senderId, sndKey, text(body));
            confirmed.add(body);
          } catch (e) {
            if (!isTemporary(e)) throw e;
            // The outcome is unknown: the server may have stored it before dying. If it did not,
            // its slot stays taken; the window is wide enough for that.
            unconfirmed.push(body);
            await outage;
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      await outage;
      sendingDone = true;
      checkDone();
      await finished;

      // ---- every confirmed message exactly once; nothing twice ----
      const timesByBody = new Map<string, number>();
      for (const d of byMsgId.values()) timesByBody.set(d.body, (timesByBody.get(d.body) ?? 0) + 1);
      for (const body of confirmed) expect(timesByBody.get(body), body).toBe(1);
      for (const body of unconfirmed)
        expect(timesByBody.get(body) ?? 0, body).toBeLessThanOrEqual(1);
      const unknownBodies = [...timesByBody.keys()].filter(
        (b) => !confirmed.has(b) && !unconfirmed.includes(b),
      );
      expect(unknownBodies).toEqual([]);
      expect(restarts).toBe(KILLS_AT.length);
      const redelivered = [...byMsgId.values()].filter((d) => d.times > 1).length;
      console.log(
        `kill -9 x${restarts}: ${confirmed.size} confirmed, ${unconfirmed.length} unconfirmed (${unconfirmed.filter((b) => timesByBody.has(b)).length} of them stored), ${redelivered} redelivered, ${acksFailed} ACKs failed, recipient connected ${reconnects} times`,
      );
    } finally {
      recipient.close();
      sender.close();
    }
  });
});
