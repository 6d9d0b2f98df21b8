// The terminal client end to end: two real `conclave --json` processes, each with its own SQLite
// data directory, on one real SMP server on loopback. They set their profiles, connect through
// alice's address, chat both ways and list each other; closing stdin stops each with status 0.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cryptoReady } from '../../src/protocol/crypto';
import { startSmpServer, type RunningSmpServer } from '../../src/server/start';
import {
  ConclaveProcess,
  removeConclaveBundle,
  runConclave,
  type Line,
} from '../cli/conclave-process';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const servers: RunningSmpServer[] = [];
const processes: ConclaveProcess[] = [];

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    for (const p of processes) console.error(p.transcript());
  }
  for (const p of processes.splice(0)) p.kill();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

afterAll(removeConclaveBundle);

async function server(): Promise<RunningSmpServer> {
  await cryptoReady();
  const s = await startSmpServer({ dataDir: tempDir(), port: 0, logSink: () => {} });
  servers.push(s);
  return s;
}

async function conclave(...args: string[]): Promise<ConclaveProcess> {
  const p = await ConclaveProcess.start(['--log-level', 'warn', ...args]);
  processes.push(p);
  return p;
}

/** The result of a command that must succeed. */
async function ok(p: ConclaveProcess, command: string): Promise<Record<string, unknown>> {
  const answer = await p.command(command);
  expect(answer, command).toMatchObject({ type: 'response' });
  return answer.result as Record<string, unknown>;
}

interface Contact {
  displayName: string;
  status: string;
}
interface NewItem {
  chat: { title: string };
  item: { direction: string; text: string };
}

const isActive = (name: string) => (c: Contact) => c.displayName === name && c.status === 'active';
const received = (from: string, text: string) => (e: NewItem) =>
  e.chat.title === from && e.item.direction === 'rcv' && e.item.text === text;

describe('conclave --json', () => {
  it('two clients connect through an address, chat both ways and stop on end of input', async () => {
    const smp = await server();
    const aliceDir = tempDir();
    const alice = await conclave('--data', aliceDir, '--server', smp.address);
    const bob = await conclave('--data', tempDir(), '--server', smp.address);
    for (const p of [alice, bob]) {
      expect(p.lines[0]).toMatchObject({ type: 'ready', profile: null, servers: [smp.address] });
    }

    expect(await ok(alice, '/p alice')).toMatchObject({ displayName: 'alice' });
    expect(await ok(bob, '/p bob Bob Smith')).toMatchObject({
      displayName: 'bob',
      fullName: 'Bob Smith',
    });

    const address = await ok(alice, '/ad');
    const link = (address.shortLink ?? address.link) as string;
    expect(link).toMatch(/^(simplex:|https:)/);
    expect(await ok(alice, '/sa')).toEqual(address);

    expect(await ok(bob, `/c ${link}`)).toMatchObject({ kind: 'address' });
    await alice.event('requests.updated', (r: { displayName: string }) => r.displayName === 'bob');
    expect(await ok(alice, '/ac bob')).toMatchObject({ displayName: 'bob' });

    await alice.event('contacts.updated', isActive('bob'));
    await bob.event('contacts.updated', isActive('alice'));

    expect(await ok(alice, '@bob hi')).toMatchObject({ direction: 'snd', text: 'hi' });
    await bob.event('chat.item.added', received('alice', 'hi'));
    // With a correlation id, the answer carries it back.
    const hello = await bob.command('{"cmd": "@alice hello there", "corrId": "b-1"}');
    expect(hello).toMatchObject({
      type: 'response',
      command: 'chat.send',
      corrId: 'b-1',
      result: { text: 'hello there' },
    });
    await alice.event('chat.item.added', received('bob', 'hello there'));

    expect(await ok(alice, '/contacts')).toEqual([
      expect.objectContaining({ displayName: 'bob', fullName: 'Bob Smith', status: 'active' }),
    ]);
    expect(await ok(bob, '/contacts')).toEqual([
      expect.objectContaining({ displayName: 'alice', status: 'active' }),
    ]);

    expect(await Promise.all([alice.end(), bob.end()])).toEqual([0, 0]);
    for (const p of [alice, bob]) {
      expect(p.malformed).toEqual([]);
      expect(p.lines.at(-1)).toMatchObject({
        type: 'event',
        event: 'engine.status',
        payload: { state: 'stopped' },
      });
    }

    // The data directory kept the profile, the contact and the server given by --server.
    const again = await conclave('--data', aliceDir);
    expect(again.lines[0]).toMatchObject({
      type: 'ready',
      profile: { displayName: 'alice' },
      servers: [smp.address],
    });
    expect(await ok(again, '/contacts')).toEqual([
      expect.objectContaining({ displayName: 'bob', status: 'active' }),
    ]);
    expect(await again.end()).toBe(0);
  });

  it('answers bad lines with typed error lines and keeps running', async () => {
    const p = await conclave('--data', tempDir());
    expect(p.lines[0]).toMatchObject({ type: 'ready', profile: null, servers: [] });

    const error = (answer: Line) => {
      expect(answer.type).toBe('error');
      return answer;
    };
    expect(error(await p.command('/frobnicate'))).toMatchObject({
      code: 'UNKNOWN_COMMAND',
      message: expect.stringContaining('/help') as unknown,
    });
    expect(error(await p.command('hello'))).toMatchObject({ code: 'UNKNOWN_COMMAND' });
    expect(error(await p.command('@bob'))).toMatchObject({ code: 'BAD_COMMAND' });
    expect(error(await p.command("/ac 'unclosed"))).toMatchObject({ code: 'BAD_COMMAND' });
    expect(error(await p.command('{"cmd": 5}'))).toMatchObject({ code: 'BAD_INPUT' });
    expect(error(await p.command('{"cmd": "/nope", "corrId": "x"}'))).toMatchObject({
      code: 'UNKNOWN_COMMAND',
      corrId: 'x',
    });
    // Nothing works before there is a profile, and the error says how to make one.
    expect(error(await p.command('/contacts'))).toMatchObject({
      code: 'NOT_FOUND',
      command: 'contacts.list',
      message: expect.stringContaining('/p <name>') as unknown,
    });

    await ok(p, "/p 'Ann Lee'");
    expect(error(await p.command('/ac bob'))).toMatchObject({
      code: 'NOT_FOUND',
      command: 'requests.accept',
    });
    // No server was given or saved: new connections say how to give one.
    expect(error(await p.command('/c'))).toMatchObject({
      code: 'UNAVAILABLE',
      command: 'invitation.create',
      message: expect.stringContaining('--server smp://') as unknown,
    });
    expect(await ok(p, '/help')).toContainEqual({
      usage: '/ad',
      description: 'create your contact address',
    });
    expect(await ok(p, '/p')).toMatchObject({ displayName: 'Ann Lee' });
    expect(await p.end()).toBe(0);
    expect(p.malformed).toEqual([]);
  });
});

describe('conclave stops in order', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}: the engine stopped, status 0, the data kept`, async () => {
      const dir = tempDir();
      const p = await conclave('--data', dir);
      await ok(p, '/p dora');
      expect(await p.signal(signal)).toBe(0);
      expect(p.lines.at(-1)).toMatchObject({
        event: 'engine.status',
        payload: { state: 'stopped' },
      });

      const again = await conclave('--data', dir);
      expect(again.lines[0]).toMatchObject({ profile: { displayName: 'dora' } });
      expect(await again.end()).toBe(0);
    });
  }
});

describe('conclave command line', () => {
  it('refuses bad arguments with status 2 and says what was wrong', async () => {
    const unknown = await runConclave(['--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^conclave: unknown option '--frobnicate'/);
    expect(unknown.stderr).toContain('usage: conclave');

    const badServer = await runConclave(['--data', tempDir(), '--server', 'smp://nothing-here']);
    expect(badServer.status).toBe(2);
    expect(badServer.stderr).toMatch(/--server 'smp:\/\/nothing-here': not a valid SMP server/);
    expect(badServer.stdout).toBe('');
  });

  it('exits with status 1 when a --server cannot be used', async () => {
    const gone = await server();
    await gone.stop();
    const run = await runConclave(['--json', '--data', tempDir(), '--server', gone.address]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--server: .*could not connect to the server/);
  });

  it('prints text for people without --json, and stops at the end of its input', async () => {
    const run = await runConclave(['--data', tempDir()], '/p carol\n/help\n/contacts\n/x\n');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('profile created: carol');
    expect(lines).toContainEqual(expect.stringMatching(/^\/ad +create your contact address$/));
    expect(lines).toContain('no contacts yet: /c creates an invitation, /ad an address');
    expect(lines).toContain('error: unknown command /x; /help lists them');
  });
});
