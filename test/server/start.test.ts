import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmpServer } from '../../src/protocol/smp';
import { startSmpServer } from '../../src/server/start';
import { DataDirError } from '../../src/server/errors';
import { useTempDirs } from '../support/temp-dir';
import { expectResponse, useSmpServers } from '../support/smp-test-server';

const tempDir = useTempDirs();
const startServer = useSmpServers();

describe('startSmpServer', () => {
  it('sets up an empty directory and returns the address with the bound port', async () => {
    const s = await startServer(path.join(tempDir(), 'new'), { hosts: ['localhost', '127.0.0.1'] });
    const parsed = parseSmpServer(s.running.address);
    expect(parsed.hosts).toEqual(['localhost', '127.0.0.1']);
    expect(Number(parsed.port)).toBe(s.running.port);
    expect(parsed.keyHash).toEqual(s.running.server.keyHash);
    expect(s.running.wsPort).toBeUndefined();
    const c = await s.connect();
    expectResponse(await c.request({ type: 'PING' }), 'PONG');
  });

  it('keeps its identity across restarts', async () => {
    const dir = tempDir();
    const first = await startServer(dir);
    await first.running.stop();
    await first.running.stop(); // stopping twice is harmless
    const second = await startServer(dir);
    expect(second.running.server.keyHash).toEqual(first.running.server.keyHash);
  });

  it('with initialise: false refuses a directory that was never set up', async () => {
    const dir = tempDir();
    await expect(
      startSmpServer({ dataDir: dir, initialise: false, logLevel: 'silent' }),
    ).rejects.toBeInstanceOf(DataDirError);
  });

  it('fails with EADDRINUSE on a taken port and leaves its store usable', async () => {
    const a = await startServer(tempDir());
    const dir = tempDir();
    await expect(
      startSmpServer({ dataDir: dir, port: a.running.port, host: '127.0.0.1', logLevel: 'silent' }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const b = await startServer(dir);
    const c = await b.connect();
    expectResponse(await c.request({ type: 'PING' }), 'PONG');
  });
});
