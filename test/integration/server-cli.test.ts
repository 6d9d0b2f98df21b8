// conclave-smp-server as a real child process: init, start with its ready line, a client on
// loopback, a graceful stop on SIGTERM with the store kept, and clear errors for bad input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady } from '../../src/protocol/crypto';
import { parseSmpServer } from '../../src/protocol/smp';
import { useTempDirs } from '../support/temp-dir';
import { SmpRawConnection } from '../support/smp-raw-connection';
import { runSmpServerCli, spawnSmpServer, type ServerProcess } from '../support/smp-server-process';
import {
  createQueue,
  expectResponse,
  messageText,
  recipientRequest,
  sendTo,
} from '../support/smp-test-server';

beforeAll(cryptoReady);
const tempDir = useTempDirs();
const running: ServerProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

async function start(dataDir: string, ...extra: string[]): Promise<ServerProcess> {
  const p = await spawnSmpServer([
    '--data',
    dataDir,
    '--port',
    '0',
    '--bind',
    '127.0.0.1',
    '--log-level',
    'warn',
    ...extra,
  ]);
  running.push(p);
  return p;
}

async function connect(p: ServerProcess): Promise<SmpRawConnection> {
  const server = parseSmpServer(p.address);
  return SmpRawConnection.connect({ port: Number(server.port), keyHash: server.keyHash });
}

describe('conclave-smp-server', () => {
  it('init prints the address; start serves it, stops on SIGTERM and keeps the queues', async () => {
    const dir = path.join(tempDir(), 'srv');
    const init = await runSmpServerCli([
      'init',
      '--data',
      dir,
      '--host',
      '127.0.0.1',
      '--port',
      '5299',
      '--ws-port',
      '5298',
    ]);
    expect(init.status).toBe(0);
    const address = /^address (\S+)$/m.exec(init.stdout)![1]!;
    expect(readFileSync(path.join(dir, 'address'), 'utf8').trim()).toBe(address);
    const fingerprint = /^fingerprint (\S+)$/m.exec(init.stdout)![1]!;
    expect(address).toBe(`smp://${fingerprint}@127.0.0.1:5299`);

    const first = await start(dir, '--ws-port', '0');
    expect(first.address).toMatch(
      new RegExp(`^smp://${fingerprint.replace(/[-=]/g, '\\$&')}@127\\.0\\.0\\.1:\\d+$`),
    );
    expect(first.wsPort).toBeGreaterThan(0);
    const c = await connect(first);
    const q = await createQueue(c);
    expectResponse(await sendTo(c, q, 'survives'), 'OK');
    c.close();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start(dir);
    const d = await connect(second);
    expectResponse(await recipientRequest(d, q, { type: 'SUB' }), 'SOK');
    expect(messageText(q, await d.nextEvent())).toBe('survives');
    d.close();
  });

  it('refuses to start on a missing or uninitialised data directory', async () => {
    const root = tempDir();
    const missing = await runSmpServerCli(['start', '--data', path.join(root, 'none')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/does not exist \(run init first\)/);
    const empty = await runSmpServerCli(['start', '--data', root]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/initialised/);
  });

  it('refuses bad arguments with usage and exit code 2', async () => {
    for (const args of [['start', '--port', 'x', '--data', '/d'], ['launch'], ['init']]) {
      const r = await runSmpServerCli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error: .*\n\nusage:/);
    }
    const help = await runSmpServerCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage:/);
  });

  it('refuses to initialise a directory twice', async () => {
    const dir = tempDir();
    expect((await runSmpServerCli(['init', '--data', dir])).status).toBe(0);
    const again = await runSmpServerCli(['init', '--data', dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds a server/);
  });
});
